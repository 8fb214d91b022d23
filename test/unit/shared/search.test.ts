import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/model';
import { envelopeMatches, isEmptySearch, parseSearch } from '../../../shared/search';

describe('parseSearch: the search box', () => {
  it('reads free words and every prefix', () => {
    expect(
      parseSearch(
        'overdue from:fabrikam to:invoices subject:"price list" body:IBAN after:2026-10-01 before:2026-11-01 has:attachment is:unread larger:1.5mb',
      ),
    ).toEqual({
      text: 'overdue',
      from: 'fabrikam',
      to: 'invoices',
      subject: 'price list',
      body: 'IBAN',
      since: '2026-10-01',
      before: '2026-11-01',
      hasAttachment: true,
      unseen: true,
      largerThan: 1572864,
    });
  });

  it('keeps what it cannot read as free text instead of dropping it', () => {
    expect(parseSearch('after:yesterday larger:huge Q3')).toEqual({ text: 'after:yesterday larger:huge Q3' });
    expect(isEmptySearch(parseSearch('   '))).toBe(true);
  });
});

const envelope: Envelope = {
  id: '1',
  folderId: 'inbox',
  subject: 'Invoice INV-2026-0147 from Fabrikam, Inc.',
  from: [{ name: 'Fabrikam Billing', address: 'billing@fabrikam.example' }],
  to: [{ name: 'Contoso Invoices', address: 'invoices@contoso.example' }],
  cc: [{ name: '', address: 'ap@contoso.example' }],
  date: '2026-09-08T10:00:00.000Z',
  messageId: '<a@b>',
  size: 7000,
  flags: { seen: false, flagged: true, answered: false, draft: false },
  hasAttachments: true,
};

describe('envelopeMatches: search where the envelopes are at hand (local, POP3)', () => {
  it('matches free text against sender, recipients and subject, case-insensitively', () => {
    expect(envelopeMatches(envelope, { text: 'fabrikam' })).toBe(true);
    expect(envelopeMatches(envelope, { text: 'AP@CONTOSO' })).toBe(true);
    expect(envelopeMatches(envelope, { text: 'freight' })).toBe(false);
  });

  it('narrows by each field', () => {
    expect(envelopeMatches(envelope, { from: 'billing@' })).toBe(true);
    expect(envelopeMatches(envelope, { from: 'invoices' })).toBe(false);
    expect(envelopeMatches(envelope, { to: 'ap@' })).toBe(true);
    expect(envelopeMatches(envelope, { subject: 'inv-2026' })).toBe(true);
    expect(envelopeMatches(envelope, { since: '2026-09-08', before: '2026-09-09' })).toBe(true);
    expect(envelopeMatches(envelope, { before: '2026-09-08' })).toBe(false);
    expect(envelopeMatches(envelope, { hasAttachment: true, unseen: true, largerThan: 6999 })).toBe(true);
    expect(envelopeMatches(envelope, { largerThan: 7000 })).toBe(false);
    expect(envelopeMatches({ ...envelope, flags: { ...envelope.flags, seen: true } }, { unseen: true })).toBe(
      false,
    );
    expect(envelopeMatches({ ...envelope, date: null }, { since: '2000-01-01' })).toBe(false);
  });
});
