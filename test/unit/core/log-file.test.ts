import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogFile } from '../../../electron/core/log-file';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzaGFyZWQifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('the rotating log file', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mailscope-log-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fixed = () => new Date('2026-12-06T12:00:00.000Z');

  it('creates its folder and writes one time-stamped line per entry, a stack folded into it', () => {
    const log = createLogFile({ folder: join(dir, 'logs'), now: fixed });
    log.write('first');
    log.write('Error: boom\n    at somewhere (file.ts:1:1)');
    expect(readFileSync(join(dir, 'logs', 'mailscope.log'), 'utf8')).toBe(
      '2026-12-06T12:00:00.000Z first\n2026-12-06T12:00:00.000Z Error: boom ⏎ at somewhere (file.ts:1:1)\n',
    );
    expect(log.tail(1)).toEqual(['2026-12-06T12:00:00.000Z Error: boom ⏎ at somewhere (file.ts:1:1)']);
  });

  it('redacts bearer tokens and client secrets on every line, whatever the caller did', () => {
    const log = createLogFile({ folder: dir });
    log.write(`token request failed: Authorization: Bearer ${JWT}`);
    log.write('body was grant_type=client_credentials&client_secret=Abc~123.secret-VALUE&scope=x');
    const text = readFileSync(log.path, 'utf8');
    expect(text).not.toContain(JWT);
    expect(text).not.toContain('eyJ');
    expect(text).not.toContain('Abc~123.secret-VALUE');
    expect(text).toContain('Bearer [redacted]');
    expect(text).toContain('client_secret=[redacted]');
  });

  it('stays under its size limit, rotating into .1 and .2 and dropping what is older', () => {
    const log = createLogFile({ folder: dir, maxBytes: 200, keep: 2, now: fixed });
    for (let i = 0; i < 40; i++) log.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(20)}`);
    for (const file of [log.path, `${log.path}.1`, `${log.path}.2`]) {
      expect(existsSync(file), file).toBe(true);
      expect(statSync(file).size).toBeLessThanOrEqual(200);
    }
    expect(existsSync(`${log.path}.3`)).toBe(false);
    expect(readFileSync(log.path, 'utf8')).toContain('line 39');
    expect(readFileSync(`${log.path}.2`, 'utf8')).not.toContain('line 00');
    // The tail reaches into the previous file when the current one is short.
    const tail = log.tail(6);
    expect(tail).toHaveLength(6);
    expect(tail.at(-1)).toContain('line 39');
    expect(tail.at(0)).toContain('line 34');
  });

  it('never throws when it cannot write (the folder is a file)', () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'not a folder');
    const log = createLogFile({ folder: blocked });
    expect(() => log.write('lost')).not.toThrow();
    expect(log.tail(5)).toEqual([]);
  });
});
