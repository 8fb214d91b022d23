import { describe, expect, it } from 'vitest';
import { classifyReply, explainReply } from '../../../electron/core/diagnostics/server-replies';

describe('server replies', () => {
  it.each([
    ['a2 NO AUTHENTICATE failed.', 'auth-failed'],
    ['A2 NO [AUTHENTICATIONFAILED] Authentication failed.', 'auth-failed'],
    ['-ERR Authentication failure: unknown user name or bad password.', 'auth-failed'],
    ['-ERR [AUTH] Authentication failed.', 'auth-failed'],
    ['A3 BAD User is authenticated but not connected.', 'not-connected'],
    ['A2 NO Server Unavailable. 15', 'throttled'],
    ['-ERR Server Unavailable. 21', 'throttled'],
    ['* BYE Connection is closed. 13', 'too-many-connections'],
    ['A2 NO something else', 'other'],
  ])('%s → %s', (line, kind) => {
    expect(classifyReply(line)).toBe(kind);
  });

  it('fills in the mailbox and the token’s ids, most likely cause first', () => {
    const explained = explainReply('A2 NO AUTHENTICATE failed.', {
      protocol: 'pop3',
      mailbox: 'support@contoso.com',
      appId: 'APP',
      objectId: 'SP',
    });
    expect(explained.fix).toContain('New-ServicePrincipal -AppId APP -ObjectId SP');
    expect(explained.otherCauses.map((r) => r.fix)).toEqual([
      expect.stringContaining(
        'Add-MailboxPermission -Identity support@contoso.com -User SP -AccessRights FullAccess',
      ),
      expect.stringContaining('Set-CASMailbox -Identity support@contoso.com -PopEnabled $true'),
      expect.stringContaining('PrimarySmtpAddress'),
    ]);
  });
});
