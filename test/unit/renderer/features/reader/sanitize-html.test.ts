// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeMessageHtml } from '../../../../../renderer/src/features/reader/sanitize-html';
import type { InlineImage } from '../../../../../shared/model';

/**
 * The sanitiser is a security boundary: what a message's HTML may keep before it reaches the frame.
 * (CSS escapes have their own file, test/unit/renderer/sanitize-css.test.ts.)
 */

const PIXEL = 'data:image/png;base64,iVBORw0KGgo=';

function sanitize(html: string, allowRemote = false, inlineImages: InlineImage[] = []) {
  const result = sanitizeMessageHtml(html, { allowRemote, inlineImages });
  // The frame document adds its own head (policy, the key forwarder); the message is the body.
  const body = /<body[\s\S]*<\/body>/.exec(result.html)?.[0] ?? '';
  return { ...result, body };
}

describe('sanitizeMessageHtml', () => {
  it('removes scripts, event handlers and script-capable elements', () => {
    const { body } = sanitize(
      '<p onclick="steal()" onmouseover="steal()">Hi</p><script>steal()</script>' +
        '<img src="cid:none" onerror="steal()"><iframe src="https://evil.example"></iframe>' +
        '<object data="x.swf"></object><form action="https://evil.example"><input></form>',
    );
    expect(body).toContain('Hi');
    expect(body).not.toMatch(/steal|<script|onclick|onmouseover|onerror|<iframe|<object|<form/i);
  });

  it('makes links inert: no href, javascript: targets shown but never followed', () => {
    const result = sanitize(
      '<a href="javascript:alert(1)">click</a><a href="https://contoso.com/pay" title="https://bank.example">pay</a>',
    );
    expect(result.body).not.toMatch(/href=/i);
    expect(result.body).toContain('title="https://contoso.com/pay"');
    expect(result.body).not.toContain('bank.example');
    expect(result.linkCount).toBe(2);
    expect(result.links).toEqual([
      { text: 'click', target: 'javascript:alert(1)' },
      { text: 'pay', target: 'https://contoso.com/pay' },
    ]);
  });

  it('removes remote images and backgrounds and counts them', () => {
    const html =
      '<img src="https://tracker.example/open.gif"><img src="//cdn.example/logo.png">' +
      '<div style="background:url(https://cdn.example/bg.png)">x</div>';
    const blocked = sanitize(html);
    expect(blocked.remoteCount).toBe(3);
    expect(blocked.body).not.toMatch(/tracker\.example|cdn\.example/);
  });

  it('keeps remote references when the user allowed remote content, and still counts them', () => {
    const loaded = sanitize('<img src="https://tracker.example/open.gif">', true);
    expect(loaded.remoteCount).toBe(1);
    expect(loaded.body).toContain('src="https://tracker.example/open.gif"');
  });

  it('resolves cid: references to the inline images, and drops unknown ones', () => {
    const { body, remoteCount } = sanitize(
      '<img alt="logo" src="cid:logo@fabrikam"><img alt="gone" src="cid:gone">',
      false,
      [{ contentId: '<logo@fabrikam>', dataUrl: PIXEL }],
    );
    expect(body).toContain(`src="${PIXEL}"`);
    expect(body).not.toContain('cid:');
    expect(remoteCount).toBe(0);
  });
});
