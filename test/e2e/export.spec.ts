import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, message, test } from './fixtures';
import { openPath } from './helpers';

/**
 * Exporting a folder from the UI: the Export… dialog, progress with counts, Cancel, Resume into
 * the same folder, and the result; the files on disk verify with sha256sum.
 */

/** Enough messages that the export runs for a while on a busy machine, so its progress shows. */
const COUNT = 6000;

test('export a folder: progress, cancel, resume, and a folder that sha256sum -c verifies', async ({
  page,
  harness,
  workDir,
}) => {
  test.setTimeout(180_000);
  const mbox = join(workDir, 'case.mbox');
  const parts: string[] = [];
  for (let i = 1; i <= COUNT; i++) {
    parts.push(
      `From alerts@contoso.example Tue Nov 24 09:30:00 2026\n`,
      message({ subject: `Alert ${i}`, text: `alert ${i}` }),
      '\n',
    );
  }
  writeFileSync(mbox, parts.join(''));
  const out = join(workDir, 'evidence');
  mkdirSync(out);

  await page.goto(harness.url);
  await openPath(page, mbox);
  const list = page.getByTestId('message-list');
  await expect(list.locator('.message-list__counts')).toContainText('6,000 messages');

  await page.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByRole('radio', { name: /This folder \(6,000 messages\)/ })).toBeChecked();
  await dialog.getByRole('textbox').fill(out);
  await dialog.getByRole('button', { name: 'Export' }).click();

  const progress = dialog.getByTestId('export-progress');
  await expect(progress).toContainText(/[\d,]+ of 6,000 messages · .* · (about|almost|estimating)/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const stopped = dialog.getByTestId('export-stopped');
  await expect(stopped).toContainText(/cancel/i);

  await stopped.getByRole('button', { name: 'Resume' }).click();
  const done = dialog.getByTestId('export-done');
  await expect(done).toBeVisible({ timeout: 120_000 });
  await expect(done).toContainText(/Exported [\d,]+ messages .*; [\d,]+ were already there, unchanged\./);
  await expect(done).toContainText('sha256sum -c SHA256SUMS');
  await expect(done.getByTestId('export-folder')).toHaveText(out);

  const emls = readdirSync(out).filter((name) => name.endsWith('.eml'));
  expect(emls).toHaveLength(COUNT);
  expect(readFileSync(join(out, 'manifest.csv'), 'utf8').trim().split('\r\n')).toHaveLength(COUNT + 1);
  execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'SHA256SUMS'], { cwd: out });
  await done.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
