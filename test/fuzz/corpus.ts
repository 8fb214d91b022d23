import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedContosoMailbox } from '../testbed/fixtures/contoso';
import { CONTOSO } from '../testbed/identity/scenario';

/**
 * Every message the project already has, as the fuzzer's starting points: the test fixtures (with
 * the failing inputs earlier fuzz runs saved in test/fixtures/fuzz/), the bundled sample mailbox
 * and the test bed's seeded mailboxes, plus a few shapes those lack.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURE_DIRS = [join(ROOT, 'test/fixtures'), join(ROOT, 'resources/sample-mailbox')];
/** Where `npm run fuzz` saves an input that failed, and where the suite replays it from. */
export const SAVED_DIR = join(ROOT, 'test/fixtures/fuzz');
/** Seeds above this size are skipped: mutations grow inputs, and the corpus has no need of giants. */
const MAX_SEED_BYTES = 1024 * 1024;

function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    const stats = statSync(path);
    if (stats.isDirectory()) return filesUnder(path);
    return stats.isFile() && stats.size > 0 && stats.size <= MAX_SEED_BYTES ? [path] : [];
  });
}

function testbedMessages(): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'mailscope-fuzz-corpus-'));
  try {
    for (const mailbox of [CONTOSO.alerts, CONTOSO.hr, CONTOSO.user.userPrincipalName]) {
      seedContosoMailbox(mailbox, join(dir, mailbox));
    }
    return filesUnder(dir).map((path) => readFileSync(path));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SHAPES = [
  // A NUL in an HTML body: real mail has them, and so does phishing that wants to hide.
  'From: a@example.com\r\nSubject: NUL\r\nContent-Type: text/html\r\n\r\n<p>Pay\u0000now</p>\r\n',
  // Nested multipart with a calendar part, base64 and quoted-printable.
  [
    'From: "Org" <org@example.com>',
    'To: x@example.com',
    'Subject: =?UTF-8?B?w6lsw6k=?=',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/plain; charset=iso-8859-1',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'caf=E9 =',
    'soft break',
    '--inner',
    'Content-Type: text/calendar; method=REQUEST; charset=utf-8',
    '',
    'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Meet\r\nDTSTART:20260101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR',
    '--inner--',
    '--outer',
    'Content-Type: image/png; name="a.png"',
    'Content-ID: <img1>',
    'Content-Transfer-Encoding: base64',
    '',
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    '--outer',
    'Content-Type: message/rfc822',
    '',
    'From: inner@example.com',
    'Subject: inner',
    '',
    'inner body',
    '--outer--',
    '',
  ].join('\r\n'),
];

/** The corpus, in a stable order (so a seed names the same inputs on every machine). */
export function loadCorpus(): Buffer[] {
  const files = FIXTURE_DIRS.flatMap(filesUnder).sort();
  return [
    ...files.map((path) => readFileSync(path)),
    ...testbedMessages(),
    ...SHAPES.map((shape) => Buffer.from(shape, 'latin1')),
  ];
}

/** Inputs earlier runs saved because they failed: replayed as they are, before any mutation. */
export function savedInputs(): { name: string; bytes: Buffer }[] {
  return filesUnder(SAVED_DIR)
    .sort()
    .map((path) => ({ name: path.slice(SAVED_DIR.length + 1), bytes: readFileSync(path) }));
}
