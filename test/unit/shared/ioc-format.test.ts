import { describe, expect, it } from 'vitest';
import type { Iocs } from '../../../shared/analysis';
import { defang, formatIocs, iocCounts } from '../../../shared/ioc-format';

const IOCS: Iocs = {
  urls: [{ url: 'https://login.evil.example/a.php?x=1', source: 'html', origin: '' }],
  domains: [{ domain: 'evil.example', sources: ['url', 'email'], origin: '' }],
  ips: [{ ip: '198.51.100.23', sources: ['route'], origin: '' }],
  emails: [{ address: 'drop@evil.example', sources: ['reply-to'], origin: 'fwd.eml' }],
  attachments: [
    {
      filename: '=cmd|calc.xlsm',
      label: '=cmd|calc.xlsm',
      contentType: 'application/vnd.ms-excel.sheet.macroEnabled.12',
      size: 10,
      detectedType: 'application/zip',
      md5: '0'.repeat(32),
      sha1: '1'.repeat(40),
      sha256: '2'.repeat(64),
      origin: '',
    },
  ],
};

describe('IOC formats', () => {
  it('defangs URLs, domains, IPs and addresses', () => {
    expect(defang('https://evil.example/a.php')).toBe('hxxps://evil[.]example/a.php');
    expect(defang('http://user@203.0.113.5:8080/x')).toBe('hxxp://user[@]203[.]0[.]113[.]5:8080/x');
    expect(defang('ftp://files.example/')).toBe('fxp://files[.]example/');
    expect(defang('evil.example')).toBe('evil[.]example');
    expect(defang('drop@evil.example')).toBe('drop[@]evil[.]example');
    expect(defang('198.51.100.23')).toBe('198[.]51[.]100[.]23');
  });

  it('writes plain and defanged lines, all kinds or one', () => {
    expect(formatIocs(IOCS, 'defanged', ['url', 'domain', 'ip', 'email'])).toBe(
      [
        'hxxps://login[.]evil[.]example/a.php?x=1',
        'evil[.]example',
        '198[.]51[.]100[.]23',
        'drop[@]evil[.]example',
      ].join('\n'),
    );
    expect(formatIocs(IOCS, 'plain', ['ip'])).toBe('198.51.100.23');
    expect(formatIocs(IOCS, 'plain', ['attachment'])).toBe(
      ['=cmd|calc.xlsm', '10', 'application/zip', '0'.repeat(32), '1'.repeat(40), '2'.repeat(64)].join('\t'),
    );
  });

  it('writes CSV with a header, quoting, and no formula a spreadsheet would run', () => {
    const lines = formatIocs(IOCS, 'csv').split('\r\n');
    expect(lines[0]).toBe('kind,value,source,origin,size,detected_type,md5,sha1,sha256');
    expect(lines[2]).toBe('domain,evil.example,url email,,,,,,');
    expect(lines[4]).toBe('email,drop@evil.example,reply-to,fwd.eml,,,,,');
    expect(lines[5]?.startsWith("attachment,'=cmd|calc.xlsm,")).toBe(true);
    expect(lines).toHaveLength(6);
  });

  it('writes JSON of the chosen kinds, and counts each kind', () => {
    expect(JSON.parse(formatIocs(IOCS, 'json', ['url', 'ip']))).toEqual({ urls: IOCS.urls, ips: IOCS.ips });
    expect(JSON.parse(formatIocs(IOCS, 'json'))).toEqual(IOCS);
    expect(iocCounts(IOCS)).toEqual({ url: 1, domain: 1, ip: 1, email: 1, attachment: 1 });
  });
});
