import { html, type SafeHtml } from './html';

/**
 * The report's recurring pieces of markup, written once so that every table and section of the
 * page has the same structure (and the style sheet one thing to style).
 */

/** A table with one heading row; `rows` are its body's rows (`<tr>`s). */
export function table(headings: readonly string[], rows: readonly SafeHtml[], testId?: string): SafeHtml {
  return html`<table${testId ? html` data-testid="${testId}"` : ''}>
    <thead>
      <tr>
        ${headings.map((heading) => html`<th>${heading}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

/** One of the page's top-level sections: `id` is its anchor, `title` its heading. */
export function section(id: string, title: string, ...content: readonly SafeHtml[]): SafeHtml {
  return html`<section id="${id}">
    <h2>${title}</h2>
    ${content}
  </section>`;
}
