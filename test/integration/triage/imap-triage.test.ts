import { afterAll, beforeAll, expect, it } from 'vitest';
import { analyzeMessage, parseForAnalysis } from '../../../electron/core/analysis/index';
import type { ImapSource } from '../../../electron/core/imap/imap-source';
import { buildReport } from '../../../electron/core/report/report-document';
import { reportHtml } from '../../../electron/core/report/report-html';
import { triageMessages } from '../../fixtures/triage/messages';
import { CONTOSO, start, type Testbed } from '../../testbed/index';
import { bedSource } from '../imap/helpers';

/**
 * The triage fixtures seeded in alerts@'s "Phish reports" (test bed), analysed and reported from
 * bytes fetched over IMAP (real Dovecot, BODY.PEEK): the same bytes as the files, the same report,
 * and the mailbox byte-identical to its seed afterwards.
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
