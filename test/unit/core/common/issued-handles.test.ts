import { describe, expect, it } from 'vitest';
import { IssuedHandles } from '../../../../electron/core/common/issued-handles';
import { EXPORT_TARGET_TTL_MS, exportTargets } from '../../../../electron/core/export/export-targets';

const refusal = { message: 'Gone.', hint: 'Pick again.' };
const refused = { code: 'SAVE_TARGET_REFUSED', message: 'Gone.', hint: 'Pick again.' };

describe('IssuedHandles', () => {
  it('answers an opaque id for a value, and the value for that id as often as asked', () => {
    const handles = new IssuedHandles<string>({ ttlMs: 1000, max: 4, refusal });
    const id = handles.issue('/home/me/out');
    expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(id).not.toBe(handles.issue('/home/me/out'));
    expect(handles.get(id)).toBe('/home/me/out');
    expect(handles.get(id)).toBe('/home/me/out');
    expect(() => handles.get('A'.repeat(32))).toThrow(expect.objectContaining(refused));
  });

  it('lets take use an id once, and refuses one its check turns down (using it up too)', () => {
    const handles = new IssuedHandles<{ kind: string }>({ ttlMs: 1000, max: 4, refusal });
    const once = handles.issue({ kind: 'file' });
    expect(handles.take(once, (value) => value.kind === 'file')).toEqual({ kind: 'file' });
    expect(() => handles.take(once)).toThrow(expect.objectContaining(refused));
    const wrong = handles.issue({ kind: 'file' });
    expect(() => handles.take(wrong, (value) => value.kind === 'folder')).toThrow(
      expect.objectContaining(refused),
    );
    expect(() => handles.get(wrong)).toThrow(expect.objectContaining(refused));
  });

  it('forgets an id when its time is up', () => {
    let now = 5_000;
    const handles = new IssuedHandles<number>({ ttlMs: 1000, max: 2, refusal }, () => now);
    const id = handles.issue(1);
    now += 999;
    expect(handles.get(id)).toBe(1);
    now += 1;
    expect(() => handles.get(id)).toThrow(expect.objectContaining(refused));
  });

  it('keeps at most `max` ids, dropping the oldest first', () => {
    const handles = new IssuedHandles<number>({ ttlMs: 1000, max: 2, refusal });
    const [first, second, third] = [1, 2, 3].map((value) => handles.issue(value));
    expect(() => handles.get(first ?? '')).toThrow(expect.objectContaining(refused));
    expect([handles.get(second ?? ''), handles.get(third ?? '')]).toEqual([2, 3]);
  });
});

describe('export targets', () => {
  it('keep a destination for an hour, for every resume, and then say to choose the folder again', () => {
    let now = 0;
    const targets = exportTargets(() => now);
    const id = targets.issue('/home/me/export');
    now += EXPORT_TARGET_TTL_MS - 1;
    expect(targets.get(id)).toBe('/home/me/export');
    expect(targets.get(id)).toBe('/home/me/export');
    now += 1;
    expect(() => targets.get(id)).toThrow(
      expect.objectContaining({
        code: 'SAVE_TARGET_REFUSED',
        message: 'That export destination is no longer valid.',
        hint: 'Choose the folder again.',
      }),
    );
  });
});
