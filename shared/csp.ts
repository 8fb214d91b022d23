/**
 * The app page's Content Security Policy, in one place: Electron's session sends it as a header,
 * the harness adds its WebSocket origin, and renderer/index.html declares the same text (a test
 * checks they match).
 *
 * Two directives are wider than the page itself needs, because a message body is an
 * `<iframe srcdoc>` and a srcdoc document inherits this policy on top of its own:
 * - `style-src 'unsafe-inline'`: message HTML is styled with <style> and style="" (the page never
 *   puts untrusted markup in its own DOM, and scripts stay 'self' only);
 * - `img-src https: http:`: so "Load remote content" can work; the frame's own policy blocks remote
 *   images until the user asks.
 */
export const APP_CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
] as const;

export const APP_CSP = APP_CSP_DIRECTIVES.join('; ');
