import { FRAME_SCHEME } from './frame';

/**
 * The app page's Content Security Policy, in one place: Electron's session sends it as a header,
 * the harness adds its WebSocket origin and its frame origin, and renderer/index.html declares the
 * same text (a test checks they match). It is DESIGN.md §4's, plus the frame scheme: message bodies
 * are shown from an origin of their own (shared/frame.ts), so nothing here needs to allow inline
 * styles or remote images.
 */
export const APP_CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  `frame-src 'self' blob: ${FRAME_SCHEME}:`,
  "base-uri 'none'",
  "form-action 'none'",
] as const;

export const APP_CSP = APP_CSP_DIRECTIVES.join('; ');
