import { describe, expect, it } from 'vitest';
import { decodeMicrosoftStamps, keyValueFields } from '../../../electron/core/analysis/ms-stamps';

const stamp = (name: string, value: string) => decodeMicrosoftStamps([{ name, value }]);
const forefront = (value: string) => stamp('X-Forefront-Antispam-Report', value)[0]?.fields ?? [];
const meaningOf = (value: string, key: string) => forefront(value).find((field) => field.key === key);

describe('Microsoft 365 anti-spam stamps', () => {
  it('splits fields at the first colon only, so an IPv6 CIP stays whole', () => {
    expect(keyValueFields('CIP:2001:db8::1;CTRY:;SFS:(1)(2);DIR:INB;')).toEqual([
      ['CIP', '2001:db8::1'],
      ['CTRY', ''],
      ['SFS', '(1)(2)'],
      ['DIR', 'INB'],
    ]);
  });

  it('decodes every SCL value Microsoft documents and leaves the unused ones unknown', () => {
    for (const value of ['-1', '0', '1', '5', '6', '9']) {
      expect(meaningOf(`SCL:${value}`, 'SCL')).toMatchObject({ known: true });
    }
    expect(meaningOf('SCL:9', 'SCL')?.meaning).toMatch(/high confidence spam/);
    expect(meaningOf('SCL:-1', 'SCL')?.meaning).toMatch(/skipped/);
    for (const value of ['2', '3', '4', '7', '8', '42']) {
      expect(meaningOf(`SCL:${value}`, 'SCL')).toMatchObject({ known: false, meaning: 'unknown' });
    }
  });

  it('decodes SFV, CAT, IPV, SRV, DIR and SFTY values, and says unknown for anything else', () => {
    const documented: Record<string, string[]> = {
      SFV: ['BLK', 'NSPM', 'SFE', 'SKA', 'SKB', 'SKI', 'SKN', 'SKQ', 'SKS', 'SPM'],
      CAT: [
        'AMP',
        'BIMP',
        'BULK',
        'DIMP',
        'FTBP',
        'GIMP',
        'HPHSH',
        'HPHISH',
        'HSPM',
        'INTOS',
        'MALW',
        'OSPM',
        'PHSH',
        'SAP',
        'SPM',
        'SPOOF',
        'UIMP',
      ],
      IPV: ['CAL', 'NLI'],
      SRV: ['BULK'],
      DIR: ['INB', 'OUT', 'INT'],
      SFTY: ['9.19', '9.20', '9.25'],
    };
    for (const [key, values] of Object.entries(documented)) {
      for (const value of values) {
        const field = meaningOf(`${key}:${value}`, key);
        expect(field, `${key}:${value}`).toMatchObject({ known: true });
        expect(field?.meaning).not.toBe('unknown');
      }
      expect(meaningOf(`${key}:XYZZY`, key)).toMatchObject({ known: false, meaning: 'unknown' });
    }
    expect(meaningOf('CAT:PHSH', 'CAT')).toMatchObject({ meaning: 'Phishing.', tone: 'bad' });
    expect(meaningOf('SFV:NSPM', 'SFV')).toMatchObject({ tone: 'good' });
  });

  it('shows free fields as recorded, SFS as undocumented, and a field Microsoft does not document as unknown', () => {
    const fields = forefront('CIP:198.51.100.23;CTRY:NG;LANG:en;H:mail.example;PTR:;SFS:(13230040);QQQ:1;');
    expect(fields.find((f) => f.key === 'CTRY')).toMatchObject({
      value: 'NG',
      label: 'Source country',
      known: true,
    });
    expect(fields.find((f) => f.key === 'PTR')).toMatchObject({
      value: '',
      meaning: 'Empty: nothing recorded.',
    });
    expect(fields.find((f) => f.key === 'SFS')).toMatchObject({ known: false, meaning: 'unknown' });
    expect(fields.find((f) => f.key === 'SFS')?.label).toMatch(/undocumented/);
    expect(fields.find((f) => f.key === 'QQQ')).toMatchObject({
      label: 'QQQ',
      known: false,
      meaning: 'unknown',
    });
  });

  it('decodes BCL and PCL', () => {
    const fields = stamp('X-Microsoft-Antispam', 'BCL:0;PCL:8;RULEID:(1);')[0]?.fields ?? [];
    expect(fields[0]).toMatchObject({ key: 'BCL', meaning: 'Not from a bulk sender.' });
    expect(fields[1]).toMatchObject({
      key: 'PCL',
      meaning: 'The content is likely to be phishing.',
      tone: 'bad',
    });
    expect(fields[2]).toMatchObject({ key: 'RULEID', known: false, meaning: 'unknown' });
    for (const bcl of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) {
      expect(stamp('X-Microsoft-Antispam', `BCL:${bcl}`)[0]?.fields[0]?.known).toBe(true);
    }
    for (const pcl of ['0', '1', '2', '3', '4', '5', '6', '7', '8']) {
      expect(stamp('X-Microsoft-Antispam', `PCL:${pcl}`)[0]?.fields[0]?.known).toBe(true);
    }
    expect(stamp('X-Microsoft-Antispam', 'BCL:10')[0]?.fields[0]?.meaning).toBe('unknown');
  });

  it('leaves the undocumented mailbox delivery stamp unknown field by field, and reads the organisation SCL', () => {
    const delivery = stamp('X-Microsoft-Antispam-Mailbox-Delivery', 'ucf:0;jmr:0;dest:J;')[0];
    expect(delivery?.title).toMatch(/undocumented/);
    expect(delivery?.fields.every((field) => field.meaning === 'unknown')).toBe(true);
    expect(stamp('X-MS-Exchange-Organization-SCL', ' 9 ')[0]?.fields[0]).toMatchObject({
      value: '9',
      known: true,
    });
  });

  it('gives each stamping header its own stamp, pointing at its row', () => {
    const names = [
      'Subject',
      'x-ms-exchange-organization-scl',
      'X-Microsoft-Antispam',
      'X-Microsoft-Antispam-Mailbox-Delivery',
      'X-Forefront-Antispam-Report',
    ];
    const stamps = decodeMicrosoftStamps(names.map((name) => ({ name, value: '1' })));
    expect(
      stamps.map(({ kind, header, title }) => `${header.index} ${header.name}: ${kind}, ${title}`),
    ).toEqual([
      '1 x-ms-exchange-organization-scl: organization-scl, Spam confidence level inside the organisation',
      '2 X-Microsoft-Antispam: microsoft-antispam, Microsoft 365 bulk and phishing levels',
      '3 X-Microsoft-Antispam-Mailbox-Delivery: mailbox-delivery, Microsoft 365 mailbox delivery (undocumented by Microsoft)',
      '4 X-Forefront-Antispam-Report: forefront-antispam-report, Microsoft 365 anti-spam report',
    ]);
  });

  it('makes no stamp of a header named like an object property', () => {
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
    expect(decodeMicrosoftStamps(names.map((name) => ({ name, value: '1' })))).toEqual([]);
  });

  it('groups the cross-tenant stamps into one, pointing at the first', () => {
    const stamps = decodeMicrosoftStamps([
      { name: 'Subject', value: 'x' },
      { name: 'X-MS-Exchange-CrossTenant-AuthAs', value: 'Anonymous' },
      { name: 'X-MS-Exchange-CrossTenant-FromEntityHeader', value: 'Internet' },
      { name: 'X-MS-Exchange-CrossTenant-FromEntityHeader', value: 'Elsewhere' },
    ]);
    expect(stamps).toHaveLength(1);
    expect(stamps[0]).toMatchObject({
      kind: 'cross-tenant',
      header: { index: 1, name: 'X-MS-Exchange-CrossTenant-AuthAs' },
    });
    expect(stamps[0]?.fields.map((field) => field.known)).toEqual([true, true, false]);
  });
});
