import { createHash } from 'node:crypto';

/**
 * The report's only style sheet, inline in the page. Its CSP names it by hash, so it is the one
 * style the page can have: text that slipped through as markup could not add another.
 */
export const REPORT_STYLE = `
:root { color-scheme: light dark; --fg: #1b1b1f; --muted: #5b5f6a; --line: #d8dbe2; --bg: #ffffff;
  --panel: #f5f6f8; --bad: #b3261e; --warn: #8a5300; --good: #1e6b34; --info: #2b4a8a; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e7ea; --muted: #a3a7b1; --line: #3a3d45;
  --bg: #17181b; --panel: #202227; --bad: #ff8a80; --warn: #f2b866; --good: #7fd193; --info: #9db8ff; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
h1 { font-size: 20px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 16px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 16px 0 6px; }
p, li { overflow-wrap: anywhere; }
.meta, .note { color: var(--muted); font-size: 12px; }
.verdict { padding: 10px 14px; border-radius: 6px; background: var(--panel); border-left: 4px solid var(--info); }
.verdict.bad { border-left-color: var(--bad); } .verdict.warn { border-left-color: var(--warn); }
.verdict.good { border-left-color: var(--good); }
.verdict p { margin: 0 0 6px; font-weight: 600; }
.verdict ul { margin: 0; padding-left: 18px; }
.tone-bad { color: var(--bad); } .tone-warn { color: var(--warn); } .tone-good { color: var(--good); }
.tone-info { color: var(--info); }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line);
  overflow-wrap: anywhere; word-break: break-word; }
th { font-weight: 600; color: var(--muted); white-space: nowrap; }
code, .mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
.tree { list-style: none; padding-left: 0; margin: 0; }
.tree li { padding: 2px 0; }
details { margin: 6px 0; } summary { cursor: pointer; }
.attached { margin: 12px 0; padding: 8px 14px; border: 1px solid var(--line); border-radius: 6px; }
:target { outline: 2px solid var(--info); }
@media print { details { display: block; } body { padding: 0; } }
`;

/** The CSP source that allows exactly REPORT_STYLE. */
export const REPORT_STYLE_HASH = `'sha256-${createHash('sha256').update(REPORT_STYLE).digest('base64')}'`;

/**
 * The report page's Content Security Policy: nothing may load (no image, font, script, frame or
 * connection), forms go nowhere, and the only style is the page's own.
 */
export const REPORT_CSP = [
  "default-src 'none'",
  `style-src ${REPORT_STYLE_HASH}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
