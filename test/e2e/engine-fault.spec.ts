import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

/**
 * The harness's last line of defence, in a real harness process: a throw in a callback outside any
 * request does not kill it, the log line is redacted, and the page says so once and goes on working.
 */

function startHarnessProcess(
  configHome: string,
): Promise<{ child: ChildProcessWithoutNullStreams; url: string; stderr: () => string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './test/e2e/inject-fault.ts', 'electron/harness/cli.ts', '--port', '0'],
    // Its own settings folder: never the user's profiles.
    { env: { ...process.env, XDG_CONFIG_HOME: configHome } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /https?:\/\/127\.0\.0\.1:\d+\/#token=\S+/.exec(stdout)?.[0];
      if (url) resolve({ child, url, stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`harness exited (${code}): ${stderr}`)));
  });
}

test('a throw outside any request is logged redacted, the harness goes on, and the page says so once', async ({
  page,
  workDir,
}) => {
  const { child, url, stderr } = await startHarnessProcess(workDir);
  try {
    await page.goto(url);
    await expect(page.getByTestId('welcome')).toBeVisible();
    await expect(page.getByTestId('engine-fault')).toBeHidden();

    child.stdin.write('throw\n');
    const notice = page.getByTestId('engine-fault');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(/kept running/);
    await expect.poll(stderr).toContain('caught an unhandled exception');
    expect(child.exitCode).toBeNull();

    // A second fault is logged, not announced again; a dismissed notice stays dismissed.
    await notice.getByRole('button', { name: /dismiss/i }).click();
    child.stdin.write('reject\n');
    await expect.poll(stderr).toContain('caught an unhandled promise rejection');
    expect(stderr()).not.toContain('eyJhbGciOiJSUzI1NiJ9');
    expect(stderr()).toContain('injected: attachment.contentType.toLowerCase');

    // The engine still serves: the sample mailbox opens.
    await page
      .getByRole('button', { name: /sample/i })
      .first()
      .click();
    await expect(page.getByTestId('message-list').getByRole('option').first()).toBeVisible();
    await expect(page.getByTestId('engine-fault')).toBeHidden();
    expect(child.exitCode).toBeNull();
  } finally {
    child.kill();
  }
});

test('Help → Copy diagnostics copies the version and the fault from the log, never the token', async ({
  page,
  workDir,
}) => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const { child, url, stderr } = await startHarnessProcess(workDir);
  try {
    await page.goto(url);
    await expect(page.getByTestId('welcome')).toBeVisible();
    child.stdin.write('throw\n');
    await expect.poll(stderr).toContain('caught an unhandled exception');

    await page.keyboard.press('?');
    const dialog = page.getByTestId('shortcuts-dialog');
    await dialog.getByRole('button', { name: 'Copy diagnostics' }).click();
    await expect(dialog.getByTestId('copy-diagnostics-status')).toContainText('copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`Mailscope ${version} (harness)`);
    expect(copied).toContain('injected: attachment.contentType.toLowerCase');
    expect(copied).not.toContain('eyJ');
    expect(copied).toContain('Bearer [redacted]');
  } finally {
    child.kill();
  }
});
