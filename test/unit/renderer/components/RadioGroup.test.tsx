import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { RadioGroup } from '../../../../renderer/src/components/RadioGroup';

const OPTIONS = [
  { value: 'imap', title: 'IMAP', description: 'All folders' },
  { value: 'pop3', title: 'POP3' },
] as const;

function renderGroup(value: 'imap' | 'pop3', onChange: (value: string) => void = () => {}) {
  render(
    <RadioGroup
      groupName="g"
      name="protocol"
      legend="Protocol"
      options={OPTIONS}
      value={value}
      onChange={onChange}
    />,
  );
}

describe('RadioGroup', () => {
  it('checks the current value, and only it carries the field name for focus', () => {
    renderGroup('pop3');
    const group = screen.getByRole('group', { name: 'Protocol' });
    expect(group.getAttribute('data-testid')).toBe('field-protocol');
    const imap = screen.getByRole('radio', { name: /IMAP/ }) as HTMLInputElement;
    const pop3 = screen.getByRole('radio', { name: /POP3/ }) as HTMLInputElement;
    expect([imap.checked, pop3.checked]).toEqual([false, true]);
    expect(imap.getAttribute('data-field')).toBeNull();
    expect(pop3.getAttribute('data-field')).toBe('protocol');
    expect(imap.name).toBe('g');
  });

  it('shows a description only where an option has one', () => {
    renderGroup('imap');
    expect(screen.getByRole('radio', { name: /IMAP/ }).closest('label')?.textContent).toBe('IMAPAll folders');
    expect(document.querySelectorAll('.radio__desc')).toHaveLength(1);
  });

  it('names a radio by its title alone and describes it by its line', () => {
    renderGroup('imap');
    const imap = screen.getByRole('radio', { name: 'IMAP' });
    expect(imap.getAttribute('aria-describedby')).not.toBeNull();
    expect(document.getElementById(imap.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'All folders',
    );
    expect(screen.getByRole('radio', { name: 'POP3' }).getAttribute('aria-describedby')).toBeNull();
  });

  it('reports the chosen value', () => {
    const onChange = vi.fn();
    renderGroup('imap', onChange);
    fireEvent.click(screen.getByRole('radio', { name: /POP3/ }));
    expect(onChange).toHaveBeenCalledWith('pop3');
  });
});
