import { type Analysis, OFFLINE_NOTE } from '../../../../../shared/analysis';

/** An analysis as messages.analyze answers it, with what a test cares about changed. */
export function analysisOf(change: Partial<Analysis> = {}): Analysis {
  return {
    verdict: { claims: [], summary: '', tone: 'info' },
    stamps: [],
    arc: { status: 'none', instances: [], note: 'The message has no ARC headers.' },
    indicators: [],
    iocs: { urls: [], domains: [], ips: [], emails: [], attachments: [] },
    attachedMessages: [],
    offline: { lookedUp: false, note: OFFLINE_NOTE },
    ...change,
  };
}

/** A reported phish: a verdict with three claims, one indicator, a stamp, and IOCs of every kind. */
export const PHISH: Analysis = analysisOf({
  verdict: {
    claims: [
      {
        text: 'marked as phishing by Microsoft 365 (CAT:PHSH, SCL 5)',
        tone: 'bad',
        header: { index: 1, name: 'X-Forefront-Antispam-Report' },
        field: 'CAT',
      },
      {
        text: 'DMARC failed',
        tone: 'bad',
        header: { index: 0, name: 'Authentication-Results' },
        field: 'dmarc',
      },
      {
        text: 'sender IP in NG',
        tone: 'info',
        header: { index: 1, name: 'X-Forefront-Antispam-Report' },
        field: 'CTRY',
      },
    ],
    summary: 'Marked as phishing by Microsoft 365 (CAT:PHSH, SCL 5); DMARC failed; sender IP in NG',
    tone: 'bad',
  },
  stamps: [
    {
      kind: 'forefront-antispam-report',
      header: { index: 1, name: 'X-Forefront-Antispam-Report' },
      title: 'Microsoft 365 anti-spam report',
      fields: [
        {
          key: 'CAT',
          value: 'PHSH',
          label: 'Protection category (CAT)',
          meaning: 'Phishing.',
          known: true,
          tone: 'bad',
        },
        { key: 'ZZZ', value: 'odd', label: 'ZZZ', meaning: 'unknown', known: false, tone: 'info' },
      ],
    },
  ],
  indicators: [
    {
      kind: 'reply-to-differs',
      strength: 'moderate',
      title: 'Replies go to another organisation than the sender’s',
      evidence: [
        {
          text: 'Reply-To: collect@evil-drop.example',
          header: { index: 3, name: 'Reply-To' },
          attachment: null,
        },
      ],
    },
  ],
  iocs: {
    urls: [{ url: 'https://login.evil-drop.example/x', source: 'html', origin: '' }],
    domains: [{ domain: 'evil-drop.example', sources: ['url'], origin: '' }],
    ips: [{ ip: '198.51.100.23', sources: ['route'], origin: '' }],
    emails: [{ address: 'collect@evil-drop.example', sources: ['reply-to'], origin: '' }],
    attachments: [
      {
        filename: 'invoice.pdf.exe',
        label: 'invoice.pdf.exe',
        contentType: 'application/octet-stream',
        size: 5,
        detectedType: 'application/x-msdownload',
        md5: 'a'.repeat(32),
        sha1: 'b'.repeat(40),
        sha256: 'c'.repeat(64),
        origin: '',
      },
    ],
  },
});
