import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { AttachedBreadcrumb } from '../../../../../renderer/src/features/reader/AttachedBreadcrumb';
import { AttachmentList } from '../../../../../renderer/src/features/reader/AttachmentList';
import { OpenAttachedProvider } from '../../../../../renderer/src/features/reader/attached-context';
import type { Attachment } from '../../../../../shared/model';
import { fakeApi } from '../../fake-api';
import { MESSAGE_REF } from './message-view';

const TRAIL = [
  { label: 'Reported: FW: Your password expires today' },
  { partId: '2', label: 'FW Your password expires today.eml' },
  { partId: '2', label: 'Your password expires today.eml' },
];

const attachment = (partId: string, filename: string, contentType: string): Attachment => ({
  partId,
  filename,
  contentType,
  size: 100,
  inline: false,
  contentId: null,
});

describe('AttachedBreadcrumb', () => {
  it('names every level, marks the one shown, and goes back to any earlier one', () => {
    const onGo = vi.fn();
    render(<AttachedBreadcrumb trail={TRAIL} onGo={onGo} />);
    const nav = screen.getByRole('navigation', { name: 'Attached messages' });
    expect(nav.querySelectorAll('li')).toHaveLength(3);
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('Your password expires today.eml');
    // The level shown is not a link to itself.
    expect(screen.queryByRole('button', { name: 'Your password expires today.eml' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Reported: FW: Your password expires today' }));
    expect(onGo).toHaveBeenLastCalledWith(0);
    fireEvent.click(screen.getByRole('button', { name: 'Back to FW Your password expires today.eml' }));
    expect(onGo).toHaveBeenLastCalledWith(1);
  });
});

describe('AttachmentList: messages inside', () => {
  const files = [
    attachment('2', 'forwarded.eml', 'message/rfc822'),
    attachment('3', 'report.msg', 'application/octet-stream'),
    attachment('4', 'winmail.dat', 'application/ms-tnef'),
    attachment('5', 'invoice.pdf', 'application/pdf'),
  ];

  it('offers View for messages, Outlook items and winmail.dat only, and opens them here', () => {
    const open = vi.fn();
    render(
      <ApiProvider api={fakeApi({})}>
        <OpenAttachedProvider value={open}>
          <AttachmentList attachments={files} message={MESSAGE_REF} save={vi.fn()} />
        </OpenAttachedProvider>
      </ApiProvider>,
    );
    const views = screen.getAllByTestId('attachment-view');
    expect(views.map((button) => button.getAttribute('aria-label'))).toEqual([
      'View forwarded.eml here, as a message',
      'View report.msg here, as a message',
      'View winmail.dat here, as a message',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'View report.msg here, as a message' }));
    expect(open).toHaveBeenCalledWith('3', 'report.msg');
    expect(screen.queryByTestId('tnef-note')).toBeNull();
  });

  it('offers no View where nothing may open (the deepest level), and says so for winmail.dat', () => {
    render(
      <ApiProvider api={fakeApi({})}>
        <AttachmentList attachments={files} message={MESSAGE_REF} save={vi.fn()} />
      </ApiProvider>,
    );
    expect(screen.queryAllByTestId('attachment-view')).toHaveLength(0);
    expect(screen.getByTestId('tnef-note').textContent).toContain('cannot be opened here');
  });
});
