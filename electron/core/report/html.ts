/**
 * HTML built only through the `html` template tag: every interpolated value is escaped unless it is
 * itself SafeHtml made by this tag, so text from a message (a header, a file name, a URL) can never
 * become markup in a report, whatever characters it carries.
 */

const SAFE = Symbol('safe-html');

export interface SafeHtml {
  readonly [SAFE]: true;
  readonly text: string;
}

type Interpolated = SafeHtml | string | number | boolean | null | undefined | readonly Interpolated[];

function safe(text: string): SafeHtml {
  return { [SAFE]: true, text };
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text as HTML character data or a quoted attribute value: nothing in it is markup any more. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ENTITIES[char] ?? char);
}

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return (value as readonly Interpolated[]).map(render).join('');
  if (typeof value === 'object') return (value as SafeHtml).text;
  return escapeHtml(String(value));
}

/** The tag: `html\`<td>${value}</td>\``; arrays are joined, null/undefined/false render nothing. */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolated[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return safe(out);
}

/** Markup that is written in this program, not taken from a message (the page's own style sheet). */
export function trusted(text: string): SafeHtml {
  return safe(text);
}
