import { type Ref } from 'react';
import { DraftRadioGroup, DraftTextField } from './DraftFields';
import type { Draft } from './use-draft';

/** Step 1: what the mailbox is called here, its address, and the protocol. */
export function MailboxStep({
  draft,
  idPrefix,
  firstField,
}: {
  draft: Draft;
  idPrefix: string;
  firstField: Ref<HTMLInputElement>;
}) {
  const delegated = draft.form.credential === 'delegated';
  return (
    <fieldset className="wizard-section" data-testid="step-mailbox">
      <legend className="sr-only">Mailbox</legend>
      <DraftTextField
        draft={draft}
        idPrefix={idPrefix}
        name="name"
        label="Display name"
        inputRef={firstField}
        mono={false}
        placeholder="Invoices"
        help="How this mailbox is listed in Mailscope."
      />
      <DraftTextField
        draft={draft}
        idPrefix={idPrefix}
        name="mailbox"
        label="Shared mailbox address"
        placeholder="invoices@contoso.com"
        help="The primary SMTP address of the shared mailbox (not your own)."
      />
      <DraftRadioGroup
        draft={draft}
        idPrefix={idPrefix}
        name="protocol"
        legend="Protocol"
        options={[
          {
            value: 'imap',
            title: 'IMAP',
            description: `All folders, opened read-only. Needs ${delegated ? 'IMAP.AccessAsUser.All' : 'IMAP.AccessAsApp'}.`,
          },
          {
            value: 'pop3',
            title: 'POP3',
            description: `The Inbox only; never deletes. Needs ${delegated ? 'POP.AccessAsUser.All' : 'POP.AccessAsApp'}.`,
          },
        ]}
      />
    </fieldset>
  );
}
