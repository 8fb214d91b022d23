export const PACKAGING_NODE: string;
export function nodeTooOld(version: string): string | null;
