import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runAnalyze } from '../../../electron/cli/analyze';
import { TRIAGE_FOLDER } from '../../fixtures/triage/make';

const ROOT = join(import.meta.dirname, '../../..');
const temp = mkdtempSync(join(tmpdir(), 'mailscope-analyze-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The real command, as a person or a script runs it: `npm run -s analyze -- …`. */
async function npmAnalyze(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '-s', 'analyze', '--', ...args], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

interface ReportJson {
  format: string;
  message: { subject: string; to: { address: string }[] };
  analysis: {
    offline: { lookedUp: boolean };
    attachedMessages: {
      label: string;
      subject: string;
      analysis: { attachedMessages: { label: string }[] };
    }[];
  };
}

describe('npm run analyze', () => {
  it('--json prints the report as valid JSON, attached messages followed two deep; exit 0', async () => {
    const run = await npmAnalyze(join(TRIAGE_FOLDER, 'phish-report.eml'), '--json');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as ReportJson;
    expect(report.format).toBe('mailscope-triage-report');
    expect(report.message.subject).toBe('Phish report: Action required: invoice INV-2291');
    expect(report.analysis.offline.lookedUp).toBe(false);
    const [level1] = report.analysis.attachedMessages;
    expect(level1?.subject).toBe('Action required: invoice INV-2291');
    expect(level1?.analysis.attachedMessages.map((attached) => attached.label)).toEqual([
      'Action required invoice INV-2291.eml › Invoice INV-2291 overdue.eml',
    ]);
  }, 60_000);

  it('reads an Outlook .msg with a message embedded in it, and names a malformed one in one line', async () => {
    const outlook = join(ROOT, 'test', 'fixtures', 'outlook');
    const [embedded, malformed] = await Promise.all([
      npmAnalyze(join(outlook, 'embedded.msg'), '--json'),
      npmAnalyze(join(outlook, 'malformed.msg')),
    ]);
    expect(embedded.code, embedded.stderr).toBe(0);
    const report = JSON.parse(embedded.stdout) as ReportJson;
    expect(report.message.subject).toBe('FW: Your mailbox is full');
    expect(report.analysis.attachedMessages.map((attached) => attached.subject)).toEqual([
      'Original: your mailbox is full',
    ]);
    expect(malformed.code).toBe(1);
    expect(malformed.stdout).toBe('');
    expect(malformed.stderr).toMatch(/^mailscope analyze: This Outlook item \(\.msg\) is malformed[^\n]*\n$/);
  }, 60_000);

  it('prints text by default, with every section; exit 0', async () => {
    const run = await npmAnalyze(join(TRIAGE_FOLDER, 'phish-report.eml'), '--mask-recipients');
    expect(run.code, run.stderr).toBe(0);
    for (const line of [
      'Subject: Phish report',
      'Route: ',
      'Authentication: ',
      'Verdict: ',
      'ARC: ',
      'Indicators',
      'Attachments: ',
    ]) {
      expect(run.stdout).toContain(line);
    }
    expect(run.stdout).toContain(
      'Attached message Action required invoice INV-2291.eml › Invoice INV-2291 overdue.eml',
    );
    expect(run.stdout).not.toContain('adele@contoso.example');
    expect(run.stdout).toContain('Nothing is looked up on the network');
  }, 60_000);

  it('a file it cannot read: one clear line on stderr, exit 1', async () => {
    const notMail = join(temp, 'notes.txt');
    writeFileSync(notMail, 'just some notes\nand more\n');
    const binary = join(temp, 'image.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    const cases: [string, RegExp][] = [
      [join(temp, 'missing.eml'), /^mailscope analyze: Nothing exists at .*missing\.eml\.\n$/],
      [
        temp,
        /^mailscope analyze: “mailscope-analyze-\w+” is a folder: give one message file \(\.eml or \.msg\)\.\n$/,
      ],
      [notMail, /^mailscope analyze: “notes\.txt” is a text file but not an e-mail message/],
      [binary, /^mailscope analyze: “image\.png” is a PNG image, not an e-mail message\.\n$/],
    ];
    const runs = await Promise.all(cases.map(([path]) => npmAnalyze(path, '--json')));
    runs.forEach((run, index) => {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(cases[index]?.[1] ?? /never/);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    });
  }, 60_000);

  it('bad arguments: exit 2 with the usage line', async () => {
    const run = await npmAnalyze();
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mailscope analyze: which file? (Usage: mailscope analyze FILE [options])\n');
  }, 60_000);
});

describe('runAnalyze', () => {
  it('keeps hostile header text from acting on the terminal', async () => {
    const file = join(temp, 'escape.eml');
    writeFileSync(
      file,
      'From: a@example.com\r\nSubject: \u001b[2J\u001b]0;owned\u0007 \u202eevil\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nbody\r\n',
    );
    let out = '';
    let json = '';
    expect(await runAnalyze([file], { stdout: (text) => (out += text), stderr: () => undefined })).toBe(0);
    expect(
      await runAnalyze([file, '--json'], { stdout: (text) => (json += text), stderr: () => undefined }),
    ).toBe(0);
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;
    expect(out).not.toMatch(control);
    expect(json).not.toMatch(control);
    expect((JSON.parse(json) as ReportJson).message.subject).toContain('\u202eevil');
  });

  it('--help prints the usage and exits 0', async () => {
    let out = '';
    expect(await runAnalyze(['--help'], { stdout: (text) => (out += text), stderr: () => undefined })).toBe(
      0,
    );
    expect(out).toMatch(/^Usage: mailscope analyze FILE/);
  });
});
