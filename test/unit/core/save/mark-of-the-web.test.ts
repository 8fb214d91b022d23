import { describe, expect, it } from 'vitest';
import {
  type MarkDeps,
  markOfTheWeb,
  quarantineValue,
  ZONE_IDENTIFIER,
} from '../../../../electron/core/save/mark-of-the-web';

/** A machine of the given platform that records what the writer did instead of doing it. */
function machine(platform: NodeJS.Platform, fail = false) {
  const writes: { path: string; data: string }[] = [];
  const runs: { command: string; args: readonly string[] }[] = [];
  const deps: MarkDeps = {
    platform,
    async writeFile(path, data) {
      if (fail) throw Object.assign(new Error('not NTFS'), { code: 'EINVAL' });
      writes.push({ path, data });
    },
    async run(command, args) {
      if (fail) throw new Error('xattr failed');
      runs.push({ command, args });
    },
    now: () => Date.UTC(2026, 11, 6, 12, 0, 0),
    uuid: () => '3b9296c0-c6f4-49b3-bac1-bcb229ffe7d6',
  };
  return { deps, writes, runs };
}

describe('Mark-of-the-Web', () => {
  it('on Windows writes the Zone.Identifier stream with the Internet zone', async () => {
    const { deps, writes, runs } = machine('win32');
    expect(await markOfTheWeb(deps)('C:\\Users\\me\\Downloads\\invoice.docm')).toBe(true);
    expect(writes).toEqual([
      {
        path: 'C:\\Users\\me\\Downloads\\invoice.docm:Zone.Identifier',
        data: '[ZoneTransfer]\r\nZoneId=3\r\n',
      },
    ]);
    expect(ZONE_IDENTIFIER).toBe('[ZoneTransfer]\r\nZoneId=3\r\n');
    expect(runs).toEqual([]);
  });

  it('on macOS sets com.apple.quarantine with Apple’s own xattr tool', async () => {
    const { deps, writes, runs } = machine('darwin');
    expect(await markOfTheWeb(deps)('/Users/me/Downloads/invoice.docm')).toBe(true);
    const value = `0083;${(Date.UTC(2026, 11, 6, 12) / 1000).toString(16)};Mailscope;3B9296C0-C6F4-49B3-BAC1-BCB229FFE7D6`;
    expect(runs).toEqual([
      {
        command: '/usr/bin/xattr',
        args: ['-w', 'com.apple.quarantine', value, '/Users/me/Downloads/invoice.docm'],
      },
    ]);
    expect(value).toMatch(/^0083;[0-9a-f]{8};Mailscope;[0-9A-F-]{36}$/);
    expect(writes).toEqual([]);
  });

  it('on Linux writes nothing: no desktop there acts on such a mark', async () => {
    const { deps, writes, runs } = machine('linux');
    expect(await markOfTheWeb(deps)('/home/me/Downloads/invoice.docm')).toBe(true);
    expect(writes).toEqual([]);
    expect(runs).toEqual([]);
  });

  it('says so when the mark could not be written, without throwing', async () => {
    expect(await markOfTheWeb(machine('win32', true).deps)('E:\\invoice.docm')).toBe(false);
    expect(await markOfTheWeb(machine('darwin', true).deps)('/Volumes/USB/invoice.docm')).toBe(false);
  });

  it('pads the time to eight hex digits', () => {
    expect(quarantineValue(1000, 'a')).toBe('0083;00000001;Mailscope;A');
  });
});
