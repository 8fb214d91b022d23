import { vi } from 'vitest';
import type { MessageViewState, ReadingPrefs } from '../../../../../renderer/src/features/reader/reader-view';
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

/** The reader's sticky reading choices as the reading pane starts them, every setter a mock. */
export function readingPrefs(change: Partial<ReadingPrefs> = {}): ReadingPrefs {
  return {
    preferPlain: false,
    setPreferPlain: vi.fn(),
    showHeaders: false,
    setShowHeaders: vi.fn(),
    inspectionTab: 'headers',
    setInspectionTab: vi.fn(),
    ...change,
  };
}

/** A fresh message's view state (nothing opened yet), every setter a mock. */
export function messageViewState(change: Partial<MessageViewState> = {}): MessageViewState {
  return {
    ...readingPrefs(),
    showSource: false,
    setShowSource: vi.fn(),
    showLinks: false,
    setShowLinks: vi.fn(),
    highlightHeader: null,
    showHeader: vi.fn(),
    ...change,
  };
}
