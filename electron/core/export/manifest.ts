/**
 * manifest.csv and SHA256SUMS: the evidence an export leaves beside its messages. The manifest is
 * also the export's journal: a row is appended once its file is complete, so a resumed export
 * knows from it what is done.
 */

export const MANIFEST_FILE = 'manifest.csv';
export const SUMS_FILE = 'SHA256SUMS';

export const MANIFEST_COLUMNS = [
  'mailbox',
  'folder',
  'uid',
  'uidvalidity',
  'message_id',
  'date',
  'from',
  'to',
  'subject',
  'size',
  'sha256',
  'file',
] as const;

export type ManifestRow = Record<(typeof MANIFEST_COLUMNS)[number], string>;

/** Excel and LibreOffice read UTF-8 CSV as UTF-8 only with this mark; other tools skip it. */
const BOM = '\ufeff';
/**
 * A cell starting with one of these is a formula to a spreadsheet (CSV injection): a subject like
 * `=HYPERLINK(...)` must stay text. Such a cell gets a leading apostrophe, as OWASP advises; so does
 * a cell already starting with one, so that reading the manifest back is exact.
 */
const FORMULA_START = /^[=+\-@\t\r']/;

export function manifestHeader(): string {
  return `${BOM}${MANIFEST_COLUMNS.join(',')}\r\n`;
}

/** One CSV line (RFC 4180: every cell quoted, quotes doubled, CRLF). */
export function manifestLine(row: ManifestRow): string {
  return `${MANIFEST_COLUMNS.map((column) => quoteCell(row[column])).join(',')}\r\n`;
}

export function quoteCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The rows of a manifest this module wrote. A damaged tail (a line cut by a crash) or a line that
 * does not have every column is left out: its message is simply exported again.
 */
export function parseManifest(text: string): ManifestRow[] {
  const records = parseCsv(text.startsWith(BOM) ? text.slice(1) : text);
  const header = records.shift();
  if (!header || header.join(',') !== MANIFEST_COLUMNS.join(',')) return [];
  const rows: ManifestRow[] = [];
  for (const cells of records) {
    if (cells.length !== MANIFEST_COLUMNS.length) continue;
    const row = {} as ManifestRow;
    MANIFEST_COLUMNS.forEach((column, index) => (row[column] = unquoteFormula(cells[index] ?? '')));
    rows.push(row);
  }
  return rows;
}

function unquoteFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** RFC 4180 records; a record whose closing quote never came (a cut line) is dropped. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else cell += char;
      i++;
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n') {
      cells.push(cell);
      records.push(cells);
      cells = [];
      cell = '';
    } else if (char !== '\r') cell += char;
    i++;
  }
  // Only complete lines count: the last one ends with CRLF when it was written whole.
  return records;
}

/** One line of SHA256SUMS as GNU coreutils writes it (binary mode): `sha256sum -c` checks it. */
export function sumsLine(sha256: string, file: string): string {
  if (/[\\\n\r]/.test(file)) throw new Error('A checksum line cannot carry this file name.');
  return `${sha256} *${file}\n`;
}
