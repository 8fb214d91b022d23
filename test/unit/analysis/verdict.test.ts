import { describe, expect, it } from 'vitest';
import { receivingAuthentication } from '../../../electron/core/analysis/auth-stamp';
import { decodeMicrosoftStamps } from '../../../electron/core/analysis/ms-stamps';
import { verdictOf } from '../../../electron/core/analysis/verdict';
import type { Header } from '../../../shared/model';

function verdict(headers: Header[]) {
  return verdictOf(decodeMicrosoftStamps(headers), receivingAuthentication(headers));
}

describe('verdict line', () => {
  it('says what Microsoft 365 concluded, each claim with its header and field', () => {
    const result = verdict([
      {
        name: 'Authentication-Results',
        value: 'spf=pass smtp.mailfrom=x.example; dmarc=fail action=none header.from=x.example',
      },
      {
        name: 'X-Forefront-Antispam-Report',
        value: 'CIP:198.51.100.1;CTRY:NG;SCL:5;SFV:SPM;CAT:PHSH;DIR:INB;',
      },
    ]);
    expect(result.summary).toBe(
      'Marked as phishing by Microsoft 365 (CAT:PHSH, SCL 5); DMARC failed; sender IP in NG',
    );
    expect(result.tone).toBe('bad');
    expect(result.claims.map((claim) => [claim.header, claim.field])).toEqual([
      [{ index: 1, name: 'X-Forefront-Antispam-Report' }, 'CAT'],
      [{ index: 0, name: 'Authentication-Results' }, 'dmarc'],
      [{ index: 1, name: 'X-Forefront-Antispam-Report' }, 'CTRY'],
    ]);
  });

  it('reads spam without a category, skipped filtering, and a clean pass', () => {
    expect(verdict([{ name: 'X-Forefront-Antispam-Report', value: 'SCL:5;SFV:SPM;CAT:NONE;' }]).summary).toBe(
      'Marked as spam by Microsoft 365 (SFV:SPM, SCL 5)',
    );
    expect(verdict([{ name: 'X-Forefront-Antispam-Report', value: 'SCL:-1;SFV:SKN;' }]).summary).toBe(
      'Spam filtering skipped by Microsoft 365 (SFV:SKN)',
    );
    const clean = verdict([
      { name: 'Authentication-Results', value: 'dmarc=pass header.from=x.example;compauth=pass reason=100' },
      { name: 'X-Forefront-Antispam-Report', value: 'SCL:1;SFV:NSPM;' },
    ]);
    expect(clean.summary).toBe('Not marked as spam by Microsoft 365 (SFV:NSPM, SCL 1); DMARC passed');
    expect(clean.claims.map((claim) => claim.tone)).toEqual(['good', 'good']);
    // No finding is no proof: the line as a whole stays neutral.
    expect(clean.tone).toBe('info');
  });

  it('adds bulk and phishing levels, impersonation tips, spoofing and failed SPF or DKIM', () => {
    const result = verdict([
      {
        name: 'Authentication-Results',
        value: 'spf=softfail smtp.mailfrom=x.example; dkim=fail header.d=x.example; compauth=fail reason=601',
      },
      { name: 'X-Forefront-Antispam-Report', value: 'SFTY:9.20;' },
      { name: 'X-Microsoft-Antispam', value: 'BCL:7;PCL:5;' },
    ]);
    expect(result.claims.map((claim) => claim.text)).toEqual([
      'user impersonation (SFTY 9.20)',
      'bulk sender (BCL 7)',
      'content likely phishing (PCL 5)',
      'sender looks spoofed to Microsoft 365 (compauth=fail reason 601)',
      'SPF softfail',
      'DKIM failed',
    ]);
  });

  it('claims nothing when no one stamped a verdict', () => {
    expect(verdict([{ name: 'Subject', value: 'Hello' }])).toEqual({ claims: [], summary: '', tone: 'info' });
  });
});
