import { existsSync, readFileSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { PACKAGING_NODE } from '../../../scripts/packaging-node.mjs';

/**
 * What .github/workflows/desktop.yml must be (issue 14, section 4), as a list of problems: the
 * workflow schema (SchemaStore's, inside @action-validator/core), then the jobs and steps the release
 * needs. No machine here can run the workflow, so this is what stands between a typo and a red run.
 */

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

interface Job {
  'runs-on'?: unknown;
  container?: unknown;
  steps?: Step[];
}

interface Workflow {
  env?: Record<string, unknown>;
  jobs?: Record<string, Job>;
}

/** Each desktop job: its runner, the installers it uploads, and the secrets its packaging reads. */
const JOBS = {
  windows: { runner: 'windows-latest', installer: '.exe', secrets: ['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD'] },
  macos: {
    runner: 'macos-latest',
    installer: '.dmg',
    secrets: ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  },
  linux: { runner: 'ubuntu-latest', installer: '.AppImage', secrets: [] },
} as const;

const packageScripts = (
  JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
).scripts;

export function workflowProblems(source: string): string[] {
  const problems = validateWorkflow(source).errors.map((error) =>
    `schema: ${'path' in error ? error.path : ''} ${error.title} ${error.detail ?? ''}`.trim(),
  );
  let workflow: Workflow;
  try {
    workflow = parse(source) as Workflow;
  } catch (error) {
    return [...problems, `yaml: ${String(error)}`];
  }
  const env = workflow.env ?? {};
  for (const [id, want] of Object.entries(JOBS)) {
    const job = workflow.jobs?.[id];
    if (!job) {
      problems.push(`${id}: no such job`);
      continue;
    }
    problems.push(...jobProblems(id, job, want, env));
  }
  return problems;
}

function jobProblems(
  id: string,
  job: Job,
  want: (typeof JOBS)[keyof typeof JOBS],
  env: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  const say = (text: string) => problems.push(`${id}: ${text}`);
  if (job['runs-on'] !== want.runner) say(`runs on ${String(job['runs-on'])}, not ${want.runner}`);
  const steps = job.steps ?? [];
  const index = (test: (step: Step) => boolean) => steps.findIndex(test);
  const runs = (text: string | RegExp) => (step: Step) =>
    typeof step.run === 'string' &&
    (typeof text === 'string' ? step.run.includes(text) : text.test(step.run));

  if (index((s) => s.uses?.startsWith('actions/checkout@') ?? false) < 0) say('no checkout');
  const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
  const version = String(node?.with?.['node-version'] ?? '').replace(
    /^\$\{\{\s*env\.(\w+)\s*\}\}$/,
    (_, name: string) => String(env[name] ?? ''),
  );
  if (!node) say('no setup-node');
  else if (Number.parseInt(version, 10) < Number.parseInt(PACKAGING_NODE, 10) || !/^\d/.test(version))
    say(`Node ${version || '(none)'}: packaging needs ${PACKAGING_NODE} or newer`);

  const install = index((s) => runs(/\bnpm ci\b/)(s) || runs('scripts/setup.mjs')(s));
  const electronTests =
    id === 'linux'
      ? index((s) => runs(/xvfb-run .*npm test/)(s) && runs('electron-tests-ran.mjs')(s))
      : index((s) => runs('playwright test test/e2e/electron')(s) && runs('electron-tests-ran.mjs')(s));
  const dist = index(runs(/\bnpm run dist\b/));
  const upload = index((s) => s.uses?.startsWith('actions/upload-artifact@') ?? false);
  if (install < 0) say('no npm ci');
  if (electronTests < 0)
    say(
      id === 'linux'
        ? 'no `npm test` under xvfb-run checked by electron-tests-ran.mjs'
        : 'no Electron end-to-end run checked by electron-tests-ran.mjs',
    );
  if (id !== 'linux' && index(runs(/\bvitest run\b/)) < 0) say('no unit tests');
  if (dist < 0) say('no `npm run dist`');
  // Packaging rebuilds keytar for Electron in node_modules: Node-side tests must come first.
  if (install >= 0 && electronTests >= 0 && dist >= 0 && (install > electronTests || electronTests > dist))
    say('steps out of order (install, tests, dist)');
  if (dist >= 0 && upload < dist) say('installers not uploaded after `npm run dist`');
  const uploaded = steps[upload]?.with ?? {};
  if (!String(uploaded['path'] ?? '').endsWith(want.installer))
    say(`uploads no ${want.installer} installers`);
  if (uploaded['if-no-files-found'] !== 'error') say('an upload that finds no installer must fail');

  // Signing: optional secrets, read through env (never pasted into a script), a note when absent.
  const distEnv = steps[dist]?.env ?? {};
  for (const secret of want.secrets) {
    if (distEnv[secret] !== `\${{ secrets.${secret} }}`)
      say(`npm run dist does not get ${secret} from secrets`);
  }
  if (want.secrets.length > 0) {
    const check = index(
      (s) =>
        runs(`[ -z "$${want.secrets[0]}" ]`)(s) &&
        runs(/CSC_IDENTITY_AUTO_DISCOVERY=false"? >> "\$GITHUB_ENV"/)(s) &&
        runs('::notice')(s),
    );
    if (check < 0 || check > dist)
      say(`no step before dist that skips signing with a notice when ${want.secrets[0]} is empty`);
  }
  if (id === 'macos' && !steps.some(runs(/APPLE_ID.*::notice|::notice.*notarised/s)))
    say('no notice when notarisation is skipped');

  for (const step of steps) {
    if (step.run?.includes('${{ secrets.')) say(`"${step.name ?? step.run}" pastes a secret into its script`);
    for (const [, script] of step.run?.matchAll(/\bnpm run (\S+)/g) ?? [])
      if (script && !packageScripts[script]) say(`npm run ${script}: package.json has no such script`);
    for (const [, file] of step.run?.matchAll(/\bnode (scripts\/\S+\.mjs)/g) ?? [])
      if (file && !existsSync(file)) say(`${file} does not exist`);
  }
  return problems;
}
