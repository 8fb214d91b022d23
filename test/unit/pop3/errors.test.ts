import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/common/app-error';
import { errorForReply, isTemporary, Pop3Error } from '../../../electron/core/pop3/errors';

describe('-ERR replies as typed errors', () => {
  it('maps verbs and texts to kinds and AppError codes', () => {
    const cases: [string, string, string, string][] = [
      ['AUTH XOAUTH2', '-ERR [AUTH] Authentication failed.', 'auth', 'MAIL_AUTH_FAILED'],
      [
        'AUTH XOAUTH2',
        '-ERR Authentication failure: unknown user name or bad password.',
        'auth',
        'MAIL_AUTH_FAILED',
      ],
      ['AUTH XOAUTH2', '-ERR Server Unavailable. 21', 'unavailable', 'SERVER_BUSY'],
      ['STAT', '-ERR [IN-USE] Mailbox locked.', 'unavailable', 'SERVER_BUSY'],
      ['RETR 4', '-ERR There is no such message.', 'message', 'MESSAGE_UNREADABLE'],
      ['UIDL 4', '-ERR There is no such message.', 'message', 'MESSAGE_UNREADABLE'],
      ['UIDL', '-ERR Disabled.', 'command', 'PROTOCOL_ERROR'],
    ];
    for (const [command, line, kind, code] of cases) {
      const error = errorForReply(command, line);
      expect(error, line).toBeInstanceOf(Pop3Error);
      expect(error, line).toBeInstanceOf(AppError);
      expect(error, line).toMatchObject({ kind, code, serverText: line, command });
      expect(error.hint.length).toBeGreaterThan(10);
    }
    expect(isTemporary('-ERR [SYS/TEMP] Try later.')).toBe(true);
    expect(isTemporary('-ERR [AUTH] Authentication failed.')).toBe(false);
  });

  it('keeps hostile server text printable and short', () => {
    const error = errorForReply('STAT', `-ERR \x1b[31m${'A'.repeat(1000)}`);
    expect(error.serverText).not.toContain('\x1b');
    expect(error.serverText!.length).toBeLessThan(310);
    expect(error.message.length).toBeLessThan(400);
  });
});
