import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/core/common/app-error';
import { fsAppError, toFsAppError } from '../../../../electron/core/common/fs-errors';

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: something at /secret/path`), { code });
}

describe('toFsAppError', () => {
  it.each([
    ['ENOENT', 'PATH_NOT_FOUND'],
    ['ENOTDIR', 'PATH_NOT_FOUND'],
    ['EACCES', 'PERMISSION_DENIED'],
    ['EPERM', 'PERMISSION_DENIED'],
  ])('maps %s to %s, naming the path', (code, expected) => {
    const mapped = toFsAppError(errno(code), '/home/me/mail');
    expect(mapped).toBeInstanceOf(AppError);
    expect((mapped as AppError).code).toBe(expected);
    expect((mapped as AppError).message).toContain('/home/me/mail');
  });

  it('leaves other failures alone, so they surface as INTERNAL', () => {
    const original = errno('EIO');
    expect(toFsAppError(original, '/x')).toBe(original);
  });
});

describe('fsAppError', () => {
  const meanings = {
    ENOSPC: { code: 'DISK_FULL', message: 'No room for a.eml.' },
    EACCES: { code: 'PERMISSION_DENIED', message: 'Not yours.', hint: 'Pick another folder.' },
  } as const;

  it('gives a listed errno its AppError, keeping the fs error as the cause', () => {
    const original = errno('EACCES');
    const mapped = fsAppError(original, meanings);
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: 'Not yours.',
      hint: 'Pick another folder.',
    });
    expect((mapped as AppError).cause).toBe(original);
  });

  it('falls back to the code’s own hint when the meaning has none', () => {
    expect((fsAppError(errno('ENOSPC'), meanings) as AppError).hint).not.toBe('');
  });

  it('leaves an unlisted errno, one named like an object property, and a non-fs error alone', () => {
    for (const original of [
      errno('EIO'),
      errno('constructor'),
      errno('toString'),
      new Error('plain'),
      'text',
    ]) {
      expect(fsAppError(original, meanings)).toBe(original);
    }
  });
});
