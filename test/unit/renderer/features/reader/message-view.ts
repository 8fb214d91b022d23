import type { MessageView } from '../../../../../shared/model';

/** A parsed message as messages.get answers it, with what a test cares about changed. */
export function messageView(change: Partial<MessageView> = {}): MessageView {
  return {
    id: 'm1',
    folderId: 'inbox',
    subject: 'Invoice 4711',
    from: [{ name: 'Ada Lovelace', address: 'ada@fabrikam.com' }],
    to: [{ name: 'Invoices', address: 'invoices@contoso.com' }],
    cc: [],
    bcc: [],
    replyTo: [],
    date: '2026-03-14T09:26:00.000Z',
    messageId: '<4711@fabrikam.com>',
    size: 2048,
    flags: { seen: true, flagged: false, answered: false, draft: false },
    headers: [],
    text: 'Please find the invoice attached.',
    html: null,
    inlineImages: [],
    attachments: [],
    mimeTree: [],
    received: [],
    authentication: {
      trustedAuthservId: null,
      verdicts: [],
      results: [],
      dkimSignatures: [],
      receivedSpf: [],
    },
    calendar: [],
    notices: [],
    ...change,
  };
}

export const MESSAGE_REF = { sourceId: 'sample', folderId: 'inbox', messageId: 'm1' };
