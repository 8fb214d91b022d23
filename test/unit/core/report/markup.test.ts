import { describe, expect, it } from 'vitest';
import { html } from '../../../../electron/core/report/html';
import { section, table } from '../../../../electron/core/report/markup';

/** The markup without the white space between tags (the formatter's indentation). */
const compact = (text: string) => text.replace(/>\s+</g, '><').trim();

describe('the report’s markup pieces', () => {
  it('a table has one heading row and the rows it is given, escaped headings and all', () => {
    const rows = [
      html`<tr>
        <td>1</td>
      </tr>`,
      html`<tr>
        <td>2</td>
      </tr>`,
    ];
    expect(compact(table(['#', 'A & B'], rows).text)).toBe(
      '<table><thead><tr><th>#</th><th>A &amp; B</th></tr></thead>' +
        '<tbody><tr><td>1</td></tr><tr><td>2</td></tr></tbody></table>',
    );
  });

  it('a table can carry a test id, and an empty one still has its headings', () => {
    expect(compact(table(['File'], [], 'report-files').text)).toBe(
      '<table data-testid="report-files"><thead><tr><th>File</th></tr></thead><tbody></tbody></table>',
    );
  });

  it('a section is its anchor, its heading and its content in order', () => {
    const page = section('route', 'Route <1>', html`<p>a</p>`, html`<h3>b</h3>`);
    expect(compact(page.text)).toBe(
      '<section id="route"><h2>Route &lt;1&gt;</h2><p>a</p><h3>b</h3></section>',
    );
  });
});
