/**
 * A message's stored bytes as the Source view shows them. Invalid UTF-8 (8-bit legacy charsets)
 * becomes U+FFFD rather than failing the view, and control characters other than tab and line
 * breaks become their visible Unicode "control pictures" (NUL as ␀, ESC as ␛, DEL as ␡), one
 * character for one, so a NUL hidden in a phishing body is seen rather than silently dropped or
 * cutting the text short, and find-in-source positions still line up with the text.
 */
export function sourceText(bytes: Uint8Array): string {
  // eslint-disable-next-line no-control-regex -- showing control characters is the point
  return new TextDecoder().decode(bytes).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, picture);
}

function picture(control: string): string {
  const code = control.charCodeAt(0);
  return String.fromCharCode(code === 0x7f ? 0x2421 : 0x2400 + code);
}
