import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, message, test } from './fixtures';
import { frameLoaded, messageFrame, openPath } from './helpers';

/** What the receiving organisation's server (topmost Authentication-Results) says of a message. */
const PASSED =
  'Authentication-Results: mx.contoso.example; spf=pass smtp.mailfrom=northwind.example; ' +
  'dkim=pass header.d=northwind.example; dmarc=pass header.from=northwind.example\r\n';

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

test('"Always for" a sender loads their remote content without asking, until removed in View settings', async ({
  page,
  harness,
  remote,
  workDir,
}) => {
  const html = (n: number) => `<html><body><h2>Status ${n}</h2>
<img alt="chart" src="${remote.origin}/chart-${n}.gif" width="20" height="20"></body></html>`;
  const from = 'Status Page <status@northwind.example>';
  const write = (n: number) => {
    const path = join(workDir, `status-${n}.eml`);
    writeFileSync(path, PASSED + message({ subject: `Status ${n}`, html: html(n), from }));
    return path;
  };
  const charts = () => remote.requests.map((r) => r.url).filter((url) => url.startsWith('/chart-'));

  await page.goto(harness.url);
  await openPath(page, write(1));
  await page.getByTestId('message-list').getByRole('option').first().click();
  const banner = page.getByTestId('remote-banner');
  // The receiving organisation says DMARC passed for the sender's domain.
  const always = banner.getByTestId('remote-always');
  await expect(always).toHaveText('Always for status@northwind.example');
  await always.click();
  await expect.poll(charts).toEqual(['/chart-1.gif']);
  await expect(banner).toBeHidden();

  // Another message from the same sender loads at once, and says why.
  await openPath(page, write(2));
  await page.getByTestId('message-list').getByRole('option').first().click();
  await expect(messageFrame(page).getByRole('heading', { name: 'Status 2' })).toBeVisible();
  await expect(page.getByTestId('remote-allowed')).toContainText(
    'you allowed it for status@northwind.example',
  );
  await expect(page.getByTestId('remote-banner')).toHaveCount(0);
  await expect.poll(charts).toEqual(['/chart-1.gif', '/chart-2.gif']);

  // View settings lists the sender; removing it makes the next message ask again.
  await page.keyboard.press('Control+,');
  const senders = page.getByTestId('setting-remote-senders');
  await expect(senders).toContainText('status@northwind.example');
  await senders
    .getByRole('button', { name: 'Stop loading remote content for status@northwind.example' })
    .click();
  await expect(senders).toContainText('Every message asks');
  await page.keyboard.press('Escape');
  await openPath(page, write(3));
  await page.getByTestId('message-list').getByRole('option').first().click();
  await expect(page.getByTestId('remote-banner')).toBeVisible();
  await frameLoaded(page);
  expect(charts()).toEqual(['/chart-1.gif', '/chart-2.gif']);
});

test('"Always for" a sender does not apply to a message whose From address is not authenticated', async ({
  page,
  harness,
  remote,
  workDir,
}) => {
  const from = 'Status Page <status@northwind.example>';
  const write = (name: string, headers: string) => {
    const html = `<html><body><h2>${name}</h2>
<img alt="chart" src="${remote.origin}/${name}.gif" width="20" height="20"></body></html>`;
    const path = join(workDir, `${name}.eml`);
    writeFileSync(path, headers + message({ subject: name, html, from }));
    return path;
  };
  const requested = () => remote.requests.map((r) => r.url);

  await page.goto(harness.url);
  await openPath(page, write('genuine', PASSED));
  await page.getByTestId('message-list').getByRole('option').first().click();
  await page.getByTestId('remote-always').click();
  await expect.poll(requested).toEqual(['/genuine.gif']);

  // A spoofer writes the same From, and a forged "dmarc=pass" below the receiving server's own
  // verdict; and a message with no verdict at all. Neither loads anything, and the banner says why.
  const spoofed = write(
    'spoofed',
    'Authentication-Results: mx.contoso.example; spf=fail smtp.mailfrom=evil.example; dmarc=fail header.from=northwind.example\r\n' +
      PASSED,
  );
  const unsigned = write('unsigned', '');
  for (const [path, dmarc] of [
    [spoofed, 'fail'],
    [unsigned, 'none'],
  ] as const) {
    await openPath(page, path);
    await page.getByTestId('message-list').getByRole('option').first().click();
    const banner = page.getByTestId('remote-banner');
    await expect(banner).toBeVisible();
    await expect(banner.getByTestId('remote-unauthenticated')).toContainText(
      `You allowed status@northwind.example, but the receiving server did not authenticate this message as theirs (DMARC: ${dmarc})`,
    );
    await expect(banner.getByTestId('remote-always')).toHaveCount(0);
    await expect(page.getByTestId('remote-allowed')).toHaveCount(0);
    await frameLoaded(page);
  }
  expect(requested()).toEqual(['/genuine.gif']);

  // Asked for this message, it loads.
  await page
    .getByTestId('remote-banner')
    .getByRole('button', { name: /load remote content/i })
    .click();
  await expect.poll(requested).toEqual(['/genuine.gif', '/unsigned.gif']);
});
