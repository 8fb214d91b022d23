import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { MessageIdDialog } from '../../../../../renderer/src/features/find/MessageIdDialog';
import { errorInfo } from '../../../../../shared/errors';
import type { ProfileSummary, SourceSummary } from '../../../../../shared/model';
import { envelope, fakeEvents, scriptedApi } from './scripted';

/**
 * Find by Message-ID: the id is checked as typed before anything is asked, the chosen mailboxes are
 * searched, progress shows, and each mailbox says where the message is and where it is not.
 */

const profile = (id: string, name: string) =>
  ({ id, name, mailbox: `${id}@contoso.com`, protocol: 'imap' }) as unknown as ProfileSummary;
const local = { id: 'src-sample', name: 'Sample mailbox', kind: 'sample' } as unknown as SourceSummary;
const remote = { id: 'src-finance', name: 'Finance', kind: 'imap' } as unknown as SourceSummary;

function setup() {
  const api = scriptedApi();
  const events = fakeEvents();
  const onShow = vi.fn();
  render(
    <ApiProvider api={api}>
      <MessageIdDialog
        profiles={[profile('p-finance', 'Finance'), profile('p-legal', 'Legal')]}
        sources={[local, remote]}
        onClose={() => undefined}
        onShow={onShow}
        events={events}
      />
    </ApiProvider>,
  );
  const input = screen.getByRole('textbox', { name: 'Message-ID' });
  const find = () => fireEvent.click(screen.getByRole('button', { name: 'Find' }));
  return { api, events, onShow, input, find };
}

describe('MessageIdDialog', () => {
  it('offers every profile and the local mail that is open (not remote sources twice), all chosen', () => {
    setup();
    const targets = within(screen.getByTestId('message-id-targets')).getAllByRole('checkbox');
    expect(targets.map((box) => box.parentElement?.textContent)).toEqual([
      'Finance',
      'Legal',
      'Sample mailbox',
    ]);
    expect(targets.every((box) => (box as HTMLInputElement).checked)).toBe(true);
  });

  it('says what it expects when the text is not one id, and asks nothing', () => {
    const { api, input, find } = setup();
    fireEvent.change(input, { target: { value: 'invoice 4711' } });
    find();
    expect(screen.getByTestId('error-messageId').textContent).toMatch(/^Message-ID: paste an id like/);
    expect(api.calls).toEqual([]);
  });

  it('looks for the bare id in the chosen mailboxes and shows where it is and where it is not', async () => {
    const { api, events, onShow, input, find } = setup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Legal' }));
    fireEvent.change(input, { target: { value: ' <abc.123@fabrikam.example> ' } });
    find();
    const call = api.calls.find((c) => c.method === 'messages.findMessageId');
    expect(call?.request).toMatchObject({
      messageId: 'abc.123@fabrikam.example',
      targets: [{ profileId: 'p-finance' }, { sourceId: 'src-sample' }],
    });
    const searchId = (call?.request as { searchId: string }).searchId;
    events.say({ type: 'search.progress', searchId, done: 4, total: 30, running: true });
    expect(screen.getByTestId('message-id-progress').textContent).toBe('4 of 30 folders searched');

    const found = envelope('Invoices/Paid', 9, 'Invoice INV-9');
    await api.answer('messages.findMessageId', {
      ok: true,
      value: {
        messageId: 'abc.123@fabrikam.example',
        cancelled: false,
        mailboxes: [
          {
            name: 'Finance',
            profileId: 'p-finance',
            sourceId: 'src-finance',
            folders: 25,
            found: [{ folderId: 'Invoices/Paid', folderPath: 'Invoices/Paid', envelope: found }],
            failed: [
              {
                folderId: 'Old',
                folderPath: 'Old',
                error: errorInfo('PROTOCOL_ERROR', 'The mail server answered: NO Internal error'),
              },
            ],
          },
          {
            name: 'Sample mailbox',
            profileId: null,
            sourceId: 'src-sample',
            folders: 5,
            found: [],
            failed: [],
          },
        ],
      },
    });
    const [finance, sample] = screen.getAllByTestId('message-id-finding');
    expect(finance?.textContent).toContain('Finance: found in 1 place');
    expect(finance?.textContent).toContain('Invoices/Paid: Invoice INV-9');
    expect(finance?.textContent).toContain('Not in its other 23 folders.');
    expect(finance?.textContent).toContain(
      'Could not search Old (The mail server answered: NO Internal error).',
    );
    expect(sample?.textContent).toContain('Sample mailbox: not found');
    expect(sample?.textContent).toContain('Not in any of its 5 folders.');

    fireEvent.click(within(finance!).getByRole('button', { name: 'Show' }));
    expect(onShow).toHaveBeenCalledWith({
      sourceId: 'src-finance',
      profileId: 'p-finance',
      folderId: 'Invoices/Paid',
      envelope: found,
    });
  });

  it('a mailbox that could not be opened says why; Stop cancels the lookup', async () => {
    const { api, input, find } = setup();
    fireEvent.change(input, { target: { value: 'abc@fabrikam.example' } });
    find();
    const searchId = (api.calls[0]?.request as { searchId: string }).searchId;
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(api.calls.at(-1)).toEqual({ method: 'messages.cancelSearch', request: { searchId } });
    await api.answer('messages.findMessageId', {
      ok: true,
      value: {
        messageId: 'abc@fabrikam.example',
        cancelled: true,
        mailboxes: [
          {
            name: 'Legal',
            profileId: 'p-legal',
            sourceId: null,
            folders: 0,
            found: [],
            failed: [],
            error: errorInfo('MAIL_AUTH_FAILED', 'The mail server refused the sign-in to legal@contoso.com.'),
          },
        ],
      },
    });
    expect(screen.getByTestId('message-id-finding').textContent).toContain('Legal: could not be searched');
    expect(screen.getByTestId('message-id-finding').textContent).toContain('refused the sign-in');
    expect(screen.getByTestId('message-id-progress').textContent).toBe(
      'Stopped before every folder was searched.',
    );
  });
});
