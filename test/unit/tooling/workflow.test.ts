import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { electronProblem } from '../../../scripts/electron-tests-ran.mjs';
import { workflowProblems } from './workflow-rules';

/** The hosted-CI workflow (issue 14, section 4): valid, and doing what the release needs. */

const path = '.github/workflows/desktop.yml';
const source = readFileSync(path, 'utf8');

/** One change to the real file; each must be caught, or the checks above prove nothing. */
function mutate(find: string | RegExp, replace: string): string {
  const changed = source.replace(find, replace);
  if (changed === source) throw new Error(`mutation did not apply: ${String(find)}`);
  return changed;
}

describe(path, () => {
  it('passes the GitHub workflow schema and has the jobs, steps and secrets the release needs', () => {
    expect(workflowProblems(source)).toEqual([]);
  });

  it('a broken copy fails: schema, runners, Xvfb, Node, signing, scripts', () => {
    const cases: [string, string][] = [
      [mutate('    runs-on: windows-latest', '    runs_on: windows-latest'), 'schema:'],
      [mutate('on:\n  push:', 'on:\n  pushed:'), 'schema:'],
      [mutate('runs-on: macos-latest', 'runs-on: ubuntu-latest'), 'macos: runs on ubuntu-latest'],
      [mutate('xvfb-run --auto-servernum npm test', 'npm test'), 'linux: no `npm test` under xvfb-run'],
      [mutate("NODE_VERSION: '22'", "NODE_VERSION: '20'"), 'windows: Node 20'],
      [
        mutate(
          /( {12}echo "CSC_IDENTITY_AUTO_DISCOVERY=false" >> "\$GITHUB_ENV"\n)(?=[\s\S]*macos-latest)/,
          '',
        ),
        'windows: no step before dist that skips signing',
      ],
      [
        mutate('APPLE_TEAM_ID: ${{ secrets.APPLE_TEAM_ID }}\n        run: npm run dist', 'run: npm run dist'),
        'APPLE_TEAM_ID',
      ],
      [mutate('npm run dist -- --mac', 'npm run package -- --mac'), 'macos: no `npm run dist`'],
      [mutate('path: dist/*.dmg', 'path: dist/*.zip'), 'macos: uploads no .dmg'],
      [mutate('if [ -z "$WIN_CSC_LINK" ]', 'if [ -z "${{ secrets.WIN_CSC_LINK }}" ]'), 'pastes a secret'],
      [
        mutate('node scripts/electron-tests-ran.mjs test-results/playwright.json', 'true'),
        'linux: no `npm test`',
      ],
    ];
    for (const [broken, expected] of cases) {
      const problems = workflowProblems(broken);
      expect(problems.join('\n'), `expected a problem containing "${expected}"`).toContain(expected);
    }
  });
});

describe('scripts/electron-tests-ran.mjs', () => {
  const report = (status: string, annotations: unknown[] = []) => ({
    suites: [
      {
        file: 'electron/electron-app.spec.ts',
        specs: [{ title: 'opens', file: 'electron/electron-app.spec.ts', tests: [{ status, annotations }] }],
      },
      {
        file: 'reader.spec.ts',
        specs: [{ title: 'reads', file: 'reader.spec.ts', tests: [{ status: 'expected' }] }],
      },
    ],
  });

  it('passes only when every Electron test ran and passed', () => {
    expect(electronProblem(report('expected'))).toBeNull();
    expect(electronProblem(report('skipped', [{ type: 'skip', description: 'no binary' }]))).toBe(
      '"opens" was skipped: no binary',
    );
    expect(electronProblem(report('unexpected'))).toBe('"opens" ended unexpected');
    expect(electronProblem({ suites: [] })).toBe('no Electron end-to-end test is in the report');
  });
});
