export interface SetupRunners {
  dpkgStatus(names: readonly string[]): string | null;
  npm(args: string[], env: Record<string, string>): number;
  aptGet(args: string[], env: Record<string, string>): number;
  isRoot(): boolean;
  log(line: string): void;
}
export const STAMP: string;
export const defaultRunners: SetupRunners;
export function missingSystemPackages(runners?: SetupRunners, wanted?: readonly string[]): string[] | null;
export function nodeModulesState(root: string): 'ok' | 'missing' | 'outdated';
export function ensureSetup(options: {
  root?: string;
  who: string;
  strict?: boolean;
  runners?: SetupRunners;
}): boolean;
