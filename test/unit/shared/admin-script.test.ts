import { describe, expect, it } from 'vitest';
import {
  adminScript,
  PERSON_PLACEHOLDER,
  psQuote,
  SERVICE_PRINCIPAL_PLACEHOLDER,
} from '../../../shared/admin-script';

const base = {
  name: 'Invoices',
  mailbox: 'invoices@contoso.com',
  protocol: 'imap' as const,
  clientId: '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f',
  tenant: 'contoso.onmicrosoft.com',
  servicePrincipalObjectId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
};

describe('admin PowerShell script', () => {
  it('registers the service principal and grants FullAccess with this profile’s values', () => {
    const script = adminScript(base);
    expect(script).toContain("Connect-ExchangeOnline -Organization 'contoso.onmicrosoft.com'");
    expect(script).toContain("$AppId = '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f'");
    expect(script).toContain("$ServicePrincipalId = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d'");
    expect(script).toContain('New-ServicePrincipal -AppId $AppId -ObjectId $ServicePrincipalId');
    expect(script).toContain(
      'Add-MailboxPermission -Identity $Mailbox -User $ServicePrincipalId -AccessRights FullAccess',
    );
    expect(script).toContain(
      'Test-ServicePrincipalAuthorization -Identity $ServicePrincipalId -Resource $Mailbox',
    );
    expect(script).toContain('IMAP.AccessAsApp');
    expect(script).toContain('-ImapEnabled $true');
    expect(script).not.toContain('POP.AccessAsApp');
  });

  it('names the POP3 permission and switch for POP3 profiles', () => {
    const script = adminScript({ ...base, protocol: 'pop3' });
    expect(script).toContain('POP.AccessAsApp');
    expect(script).toContain('-PopEnabled $true');
  });

  it('leaves a visible placeholder when the Enterprise application object ID is not known yet', () => {
    const script = adminScript({ ...base, servicePrincipalObjectId: '  ' });
    expect(script).toContain(`$ServicePrincipalId = '${SERVICE_PRINCIPAL_PLACEHOLDER}'`);
  });

  it('quotes values so PowerShell expands nothing in them', () => {
    expect(psQuote("O'Brien $(Remove-Item C:\\)")).toBe("'O''Brien $(Remove-Item C:\\)'");
    expect(psQuote('a\u2019b')).toBe("'a''b'");
    const script = adminScript({
      ...base,
      name: "Finance $env:USERNAME 'ops'",
      mailbox: "o'brien@contoso.com",
    });
    expect(script).toContain("-DisplayName 'Mailscope - Finance $env:USERNAME ''ops'''");
    expect(script).toContain("$Mailbox = 'o''brien@contoso.com'");
    expect(script).toContain(
      "-RecipientRestrictionFilter 'PrimarySmtpAddress -eq ''o''''brien@contoso.com'''",
    );
    expect(script).not.toMatch(/"[^"\n]*\$[^"\n]*"/);
  });
});

describe('admin PowerShell script for delegated access', () => {
  const delegated = {
    ...base,
    access: 'delegated' as const,
    person: 'megan@contoso.com',
    consentUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=0e5f',
  };

  it('grants the person FullAccess and registers no service principal', () => {
    const script = adminScript(delegated);
    expect(script).toContain("$Person = 'megan@contoso.com'");
    expect(script).toContain(
      'Add-MailboxPermission -Identity $Mailbox -User $Person -AccessRights FullAccess -AutoMapping $false',
    );
    expect(script).toContain('IMAP.AccessAsUser.All');
    expect(script).toContain('-ImapEnabled $true');
    expect(script).toContain(delegated.consentUrl);
    expect(script).toContain('http://localhost');
    expect(script).not.toContain('New-ServicePrincipal');
    expect(script).not.toContain('$ServicePrincipalId');
  });

  it('POP3 asks for POP.AccessAsUser.All and PopEnabled; no person gives a placeholder', () => {
    const script = adminScript({ ...delegated, protocol: 'pop3', person: undefined });
    expect(script).toContain('POP.AccessAsUser.All');
    expect(script).toContain('-PopEnabled $true');
    expect(script).toContain(`$Person = '${PERSON_PLACEHOLDER}'`);
  });

  it('quotes a person address that carries a quote', () => {
    expect(adminScript({ ...delegated, person: "o'brien@contoso.com" })).toContain(
      "$Person = 'o''brien@contoso.com'",
    );
  });
});
