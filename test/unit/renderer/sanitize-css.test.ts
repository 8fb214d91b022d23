// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeMessageHtml } from '../../../renderer/src/features/reader/sanitize-html';

/**
 * CSS escapes, read as the browser reads them (CSS Syntax §4.3): a reference the browser would
 * fetch must be found, counted and removed whatever way it is spelled.
 */

const BS = '\\';

function sanitize(css: string, allowRemote = false) {
  return sanitizeMessageHtml(
    `<html><head><style>${css}</style></head><body><p style="${css.replace(/"/g, '&quot;')}">x</p></body></html>`,
    {
      allowRemote,
      inlineImages: [],
    },
  );
}

const spellings: [string, string][] = [
  ['a backslash-newline inside a string', `.a{background:url("https://host/${BS}\nx.png")}`],
  ['a backslash-CRLF inside a string', `.a{background:url('https://host/${BS}\r\nx.png')}`],
  ['a hex-escaped letter in the scheme', `.a{background:url(${BS}68 ttps://host/x.png)}`],
  ['an escaped colon', `.a{background:url("https${BS}3a //host/x.png")}`],
  ['an escaped colon without hex', `.a{background:url("https${BS}://host/x.png")}`],
  ['an escaped function name', `.a{background:${BS}75 rl(https://host/x.png)}`],
  ['an escaped u in url(', `.a{background:${BS}u${BS}r${BS}l("https://host/x.png")}`],
  [
    'an image-set string with a line continuation',
    `.a{background:image-set("https://host/${BS}\nx.png" 1x)}`,
  ],
  ['a -webkit-image-set string', `.a{background:-webkit-image-set("//host/x.png" 1x)}`],
  ['src()', `.a{background:src("https://host/x.png")}`],
];

describe('the sanitiser reads CSS escapes as the browser does', () => {
  it.each(spellings)('finds a remote reference spelled with %s', (_name, css) => {
    const blocked = sanitize(css);
    // Once in <style>, once in style="".
    expect(blocked.remoteCount).toBe(2);
    expect(blocked.html).not.toMatch(/host/);

    const loaded = sanitize(css, true);
    expect(loaded.remoteCount).toBe(2);
    expect(loaded.html).toMatch(/host/);
  });

  it.each([
    ['@import with an escaped keyword', `@${BS}69mport "https://host/a.css";.b{color:red}`],
    ['@import url()', `@import url(https://host/a.css);.b{color:red}`],
  ])('drops %s and keeps the rest', (_name, css) => {
    const result = sanitizeMessageHtml(`<style>${css}</style><p class="b">x</p>`, {
      allowRemote: true,
      inlineImages: [],
    });
    expect(result.html).not.toMatch(/host|import/i);
    expect(result.html).toContain('.b{color:red}');
  });

  it('keeps CSS it does not need to change exactly as written', () => {
    const css = `.a{color:${BS}72 ed;font-family:"A ${BS}"B${BS}""}/* note */@media (max-width:600px){.b{margin:0 auto}}`;
    const result = sanitize(css);
    expect(result.remoteCount).toBe(0);
    expect(result.html).toContain(`<style>${css}</style>`);
  });

  it('resolves cid: references and keeps data: images, quoted so they cannot end the token', () => {
    const result = sanitizeMessageHtml(
      `<p style="background:url(cid:logo@x)">a</p><p style="background:url('data:image/png;base64,AAAA')">b</p>`,
      { allowRemote: false, inlineImages: [{ contentId: 'logo@x', dataUrl: 'data:image/png;base64,QUJD' }] },
    );
    expect(result.remoteCount).toBe(0);
    expect(result.html).toContain('url(&quot;data:image/png;base64,QUJD&quot;)');
    expect(result.html).toContain('url(&quot;data:image/png;base64,AAAA&quot;)');
  });
});
