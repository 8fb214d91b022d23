import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/core/common/app-error';
import { toFsAppError } from '../../../../electron/core/common/fs-errors';

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
