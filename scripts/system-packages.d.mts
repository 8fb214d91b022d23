export const SYSTEM_PACKAGES: readonly string[];
