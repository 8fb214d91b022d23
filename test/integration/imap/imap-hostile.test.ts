import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImapSource } from '../../../electron/core/imap/imap-source';
import { sourceText } from '../../../electron/core/mime/source-text';
import { analyzeMessage, parseForAnalysis } from '../../../electron/core/analysis/index';
import { buildReport } from '../../../electron/core/report/report-document';
import { reportHtml } from '../../../electron/core/report/report-html';
import { triageMessages } from '../../fixtures/triage/messages';
import { CONTOSO, start, type Testbed } from '../../testbed/index';
import { bedSource } from './helpers';

/**
 * Hostile bytes over IMAP (real Dovecot): a NUL in an HTML body never stops a message opening; a
 * reported phish (alerts@'s "Phish reports", test/fixtures/triage) is analysed and reported from the
 * bytes fetched with BODY.PEEK, the same bytes as its file, and the mailbox stays as seeded.
 */

let bed: Testbed;
let source: ImapSource;

beforeAll(async () => {
  bed = await start({ saslMechanisms: ['xoauth2'] });
  source = await bedSource(bed, CONTOSO.alerts);
}, 60_000);

afterAll(async () => {
  await source?.close();
  if (bed) {
    // Read-only, as always: the mailbox is byte-identical to its seed afterwards.
    expect(bed.verifyMailbox(CONTOSO.alerts)).toEqual({
      missing: [],
      added: [],
      changed: [],
      foldersMissing: [],
      foldersAdded: [],
    });
    await bed.stop();
  }
});

it('opens a message with a NUL byte in its HTML body, and its source shows where the NUL was', async () => {
  const page = await source.listEnvelopes('Quarantine', 0, 10);
  expect(page.items.map((item) => item.subject)).toEqual(['Password expires today']);
  const id = page.items[0]?.id ?? '';
  const view = await source.getMessage('Quarantine', id);
  expect(view.subject).toBe('Password expires today');
  expect(view.html).toContain('Keep your password');
  expect(view.html).toContain('https://contoso-support.example/reset');
  // Dovecot may send the NUL as is or replace it (IMAP literals may not carry NUL): either way the
  // source view shows a visible mark in its place, never an invisible byte or a cut-off text.
  const text = sourceText(await source.getRaw('Quarantine', id));
  expect(text).toMatch(/Keep your password[\u2400\ufffd] <a href/);
});

it('reports a phishing report fetched over IMAP exactly as from the file, and changes nothing', async () => {
  const page = await source.listEnvelopes('Phish reports', 0, 10);
  expect(page.items.map((item) => item.subject).sort()).toEqual(
    [
      'Forwarded through 3 ARC hops',
      'Phish report: Action required: invoice INV-2291',
      'Remittance advice and statements',
    ].sort(),
  );
  const id = page.items.find((item) => item.subject.startsWith('Phish report'))?.id ?? '';
  const raw = await source.getRaw('Phish reports', id);
  const file = triageMessages().get('phish-report.eml');
  expect(raw.equals(file ?? Buffer.alloc(0))).toBe(true);

  const view = await source.getMessage('Phish reports', id);
  const analysis = await analyzeMessage(await parseForAnalysis(raw));
  expect(analysis.attachedMessages[0]?.analysis.attachedMessages).toHaveLength(1);
  const page1 = reportHtml(buildReport(view, analysis, { now: new Date(0), maskRecipients: true }));
  expect(page1).toContain('Phish report: Action required: invoice INV-2291');
  expect(page1).not.toContain('phishing-reports@contoso.example');
}, 60_000);
