export const OURS: RegExp;
export function privateTemp(): string;
export function tempEnv(dir: string): { TMPDIR: string; TEMP: string; TMP: string };
export function leftovers(dir: string, before?: readonly string[]): string[];
export function leftoverLine(names: readonly string[]): string | null;
export function removeTemp(dir: string): void;
