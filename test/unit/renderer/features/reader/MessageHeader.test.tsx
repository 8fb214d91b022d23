import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MessageHeader } from '../../../../../renderer/src/features/reader/MessageHeader';
import { formatFullDate } from '../../../../../renderer/src/components/format';
import { messageView } from './message-view';

/** The reader's header block: who wrote, to whom, when. */
describe('MessageHeader', () => {
  it('shows the subject, the sender with name and address, the recipients and the date', () => {
    const view = messageView({ cc: [{ name: '', address: 'audit@contoso.com' }] });
    render(<MessageHeader view={view} subjectId="subject" />);
    expect(screen.getByRole('heading', { name: 'Invoice 4711' }).id).toBe('subject');
    const from = document.querySelector('.message-header__from');
    expect(from?.textContent).toBe('Ada Lovelace<ada@fabrikam.com>');
    const rows = [...document.querySelectorAll('.recipient-row')].map((row) => row.textContent);
    expect(rows).toEqual(['ToInvoices<invoices@contoso.com>', 'Ccaudit@contoso.com']);
    const time = document.querySelector('time');
    expect(time?.getAttribute('datetime')).toBe('2026-03-14T09:26:00.000Z');
    expect(time?.textContent).toBe(formatFullDate('2026-03-14T09:26:00.000Z'));
    expect(time?.textContent).not.toBe('');
  });

  it('says when there is no sender or no date', () => {
    render(<MessageHeader view={messageView({ from: [], date: null })} subjectId="subject" />);
    expect(screen.getByText('(no sender)')).toBeTruthy();
    expect(document.querySelector('time')?.getAttribute('title')).toBe('The message has no parsable date');
  });

  it('collapses a long recipient list, and expands it on request', () => {
    const to = Array.from({ length: 6 }, (_, i) => ({ name: '', address: `person${i}@contoso.com` }));
    render(<MessageHeader view={messageView({ to })} subjectId="subject" />);
    expect(screen.queryByText('person5@contoso.com')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'and 3 more' }));
    expect(screen.getByText('person5@contoso.com')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
  });
});
