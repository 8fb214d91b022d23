import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, message, test } from './fixtures';
import { frameLoaded, messageFrame, openPath } from './helpers';

test('remote images stay blocked until the reader asks, then load', async ({
  page,
  harness,
  remote,
  workDir,
}) => {
  const html = `<html><body><h2>November newsletter</h2>
<img alt="banner" src="${remote.origin}/banner.gif" width="20" height="20">
<div style="background-image:url('${remote.origin}/bg.gif');width:20px;height:20px">bg</div>
<p>Read the full story on our site.</p></body></html>`;
  const path = join(workDir, 'newsletter.eml');
  writeFileSync(path, message({ subject: 'November newsletter', html }));

  await page.goto(harness.url);
  await openPath(page, path);
  await page.getByTestId('message-list').getByRole('option').first().click();

  const frame = messageFrame(page);
  await expect(frame.getByRole('heading', { name: 'November newsletter' })).toBeVisible();
  const banner = page.getByTestId('remote-banner');
  await expect(banner).toBeVisible();
  await frameLoaded(page);
  expect(remote.requests).toEqual([]);

  await banner.getByRole('button', { name: /load remote content/i }).click();
  await expect.poll(() => remote.requests.map((r) => r.url).sort()).toEqual(['/banner.gif', '/bg.gif']);
  await expect(frame.getByRole('img', { name: 'banner' })).toHaveJSProperty('complete', true);
  await expect(page.getByTestId('remote-banner')).toBeHidden();

  // The choice is for that message only: another message opens blocked again.
  const other = join(workDir, 'other.eml');
  writeFileSync(other, message({ subject: 'Second newsletter', html: html.replace(/\.gif/g, '2.gif') }));
  await openPath(page, other);
  await page.getByTestId('message-list').getByRole('option').first().click();
  await expect(messageFrame(page).getByRole('heading', { name: 'November newsletter' })).toBeVisible();
  await expect(page.getByTestId('remote-banner')).toBeVisible();
  await frameLoaded(page);
  expect(remote.requests.map((r) => r.url).filter((u) => u.includes('2.gif'))).toEqual([]);
});
