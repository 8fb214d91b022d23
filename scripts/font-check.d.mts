export interface ExpectedFont {
  pattern: string;
  family: string;
  debianPackage: string;
}
export type FontResolver = (pattern: string) => string | null;
export const EXPECTED_FONTS: readonly ExpectedFont[];
export const fcMatch: FontResolver;
export function fontProblem(resolve?: FontResolver, expected?: readonly ExpectedFont[]): string | null;
