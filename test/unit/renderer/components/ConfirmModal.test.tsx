import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmModal } from '../../../../renderer/src/components/ConfirmModal';

/** The confirming question: the keyboard starts on Cancel, and each button does its one thing. */

function renderModal(risky: boolean) {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  render(
    <ConfirmModal
      title="Open this?"
      confirmLabel="Open it"
      onConfirm={onConfirm}
      onCancel={onCancel}
      risky={risky}
      testId="the-confirm"
    >
      <p>It leaves Mailscope.</p>
    </ConfirmModal>,
  );
  const dialog = screen.getByTestId('the-confirm');
  return {
    onConfirm,
    onCancel,
    dialog,
    cancel: within(dialog).getByRole('button', { name: 'Cancel' }),
    confirm: within(dialog).getByRole('button', { name: 'Open it' }),
  };
}

describe('ConfirmModal', () => {
  it('asks with its title and text, starts on Cancel, and confirms only from the confirming button', () => {
    const { dialog, cancel, confirm, onConfirm, onCancel } = renderModal(false);
    expect(within(dialog).getByRole('heading', { name: 'Open this?' })).toBeTruthy();
    expect(dialog.textContent).toContain('It leaves Mailscope.');
    expect(document.activeElement).toBe(cancel);
    expect(confirm.className).toBe('button button--primary');
    expect(cancel.className).toBe('button');

    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('cancels from Cancel and from the close button; a risky choice makes Cancel the primary button', () => {
    const { dialog, cancel, confirm, onConfirm, onCancel } = renderModal(true);
    expect(cancel.className).toBe('button button--primary');
    expect(confirm.className).toBe('button');

    fireEvent.click(cancel);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(onCancel).toHaveBeenCalledTimes(2);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('makes the confirming button the red one for a removal, and holds it while the removal runs', () => {
    const onConfirm = vi.fn();
    const view = (busy: boolean) => (
      <ConfirmModal
        title="Remove invoices?"
        confirmLabel="Remove"
        onConfirm={onConfirm}
        onCancel={() => undefined}
        destructive
        busy={busy}
        testId="the-remove"
      >
        <p>Mailscope forgets it.</p>
      </ConfirmModal>
    );
    const { rerender } = render(view(false));
    const dialog = screen.getByTestId('the-remove');
    const remove = within(dialog).getByRole('button', { name: 'Remove' }) as HTMLButtonElement;
    expect(remove.className).toBe('button button--danger-strong');
    expect(within(dialog).getByRole('button', { name: 'Cancel' }).className).toBe('button');
    expect(remove.disabled).toBe(false);

    rerender(view(true));
    expect(remove.disabled).toBe(true);
    expect(remove.querySelector('.spinner')).not.toBeNull();
    fireEvent.click(remove);
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
