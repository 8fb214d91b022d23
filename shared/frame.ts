/**
 * The message frame: where a message's sanitised HTML is shown, on an origin of its own so the app
 * page's CSP can stay strict (a srcdoc or blob: frame would inherit the page's policy, and the
 * page would have to allow inline styles and remote images for it).
 *
 * - Electron serves frame documents from a privileged custom scheme, `mailscope-frame://message/<id>`;
 *   the harness from a second loopback listener. Both send FRAME_CSP (below) as a header, with
 *   `sandbox allow-scripts`, so a frame document opened on its own is as boxed in as in the reader.
 * - The frame runs exactly one script: FRAME_KEYS_SCRIPT, allowed by its hash. It forwards the app's
 *   shortcuts to the page (a sandboxed frame's key presses never reach its parent otherwise). The
 *   message's own markup can run nothing: DOMPurify removes scripts and handlers, and the policy
 *   allows no script but that hash (no 'unsafe-inline', no 'unsafe-hashes', no 'strict-dynamic').
 */

export const FRAME_SCHEME = 'mailscope-frame';
/** The desktop app's frame origin. */
export const ELECTRON_FRAME_ORIGIN = `${FRAME_SCHEME}://message`;

/**
 * Forwards the app's shortcuts (see renderer/src/app: Ctrl/⌘+O, Ctrl/⌘+, , Ctrl/⌘+1…9, F6, ?) to
 * the page as a message; the page checks it came from its own frame and replays it there. Nothing
 * else leaves the frame. Changing one character changes its hash: update FRAME_KEYS_SCRIPT_HASH
 * (a unit test says so).
 */
export const FRAME_KEYS_SCRIPT =
  'addEventListener("keydown",function(e){var m=(e.ctrlKey||e.metaKey)&&!e.altKey;if((m&&(e.key===","||e.key==="o"||e.key==="O"||/^Digit[1-9]$/.test(e.code)))||e.key==="F6"||(e.key==="?"&&!e.ctrlKey&&!e.metaKey&&!e.altKey)){e.preventDefault();parent.postMessage({mailscopeKey:{key:e.key,code:e.code,ctrlKey:e.ctrlKey,metaKey:e.metaKey,altKey:e.altKey,shiftKey:e.shiftKey}},"*")}},true);';

export const FRAME_KEYS_SCRIPT_HASH = "'sha256-v+U7hBCUONISmOpd3ms7U/gcfgVXzxtVbqwxli2IQAM='";

/**
 * The frame document's policy (its first <meta>, and its response header). default-src 'none'
 * covers frames, fetches and media; form-action and base-uri do not fall back to it, so they are
 * named. Remote images only once the user asked, for this message.
 */
export function frameContentSecurityPolicy(allowRemote: boolean): string {
  return [
    "default-src 'none'",
    `script-src ${FRAME_KEYS_SCRIPT_HASH}`,
    "style-src 'unsafe-inline'",
    `img-src data:${allowRemote ? ' http: https:' : ''}`,
    'font-src data:',
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** The header form adds what only a header can say: the sandbox, and who may embed the frame. */
export function frameResponsePolicy(allowRemote: boolean, appOrigin: string | null): string {
  const ancestors = appOrigin ? `; frame-ancestors ${appOrigin}` : '';
  return `${frameContentSecurityPolicy(allowRemote)}; sandbox allow-scripts${ancestors}`;
}

/** A frame document's id in its URL: 128 random bits, base64url. */
export const FRAME_ID = /^[A-Za-z0-9_-]{22}$/;
