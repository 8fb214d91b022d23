import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every package the code, the scripts, the tests and the configs import is declared in package.json:
 * an undeclared one works only while another package happens to pull it in, and breaks a fresh
 * `npm ci` the day that package drops it (iconv-lite in make-sample-mailbox.mjs was one).
 */

const ROOT = process.cwd();
const FOLDERS = ['scripts', 'test', 'electron', 'renderer', 'shared'];
const SOURCE = /\.(?:[cm]?js|[cm]?ts|tsx)$/;
const SKIP = new Set(['node_modules', 'out', 'dist', 'test-results', '__screenshots__']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Module specifiers of static and dynamic imports, re-exports and require() calls. */
export function specifiers(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /(?:\brequire|Require\([^()]*\))\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1] ?? '');
  return found;
}

/** The package a bare specifier names ('@scope/name/sub' → '@scope/name'); null for files and builtins. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
  return builtinModules.includes(name) ? null : name;
}

describe('declared imports', () => {
  it('finds imports in all their forms', () => {
    // Q for a quote, so that the scan of this very file does not find these.
    const code = [
      'import a from QalphaQ;',
      'import { b } from Q@scope/beta/subQ;',
      'import type { C } from QgammaQ;',
      'export * from QdeltaQ;',
      'import Qepsilon/registerQ;',
      'const z = await import(QzetaQ);',
      'const e = require(QetaQ); const t = createRequire(import.meta.url)(QthetaQ);',
      'import x from Q./localQ; import fs from Qnode:fsQ; import path from QpathQ;',
    ]
      .join('\n')
      .replaceAll('Q', "'");
    expect(specifiers(code).map(packageOf).filter(Boolean).sort()).toEqual(
      ['@scope/beta', 'alpha', 'delta', 'epsilon', 'eta', 'gamma', 'theta', 'zeta'].sort(),
    );
  });

  it('every bare import in scripts/, test/, electron/, renderer/, shared/ and the configs is in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const declared = new Set([
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.devDependencies ?? {}),
    ]);
    const configs = readdirSync(ROOT).filter((name) => SOURCE.test(name));
    const files = [...FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder))), ...configs];
    expect(files.length).toBeGreaterThan(100);
    const undeclared = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .map(packageOf)
        .filter((name): name is string => name !== null && !declared.has(name))
        .map((name) => `${relative(ROOT, file)}: ${name}`),
    );
    expect([...new Set(undeclared)]).toEqual([]);
  });
});
