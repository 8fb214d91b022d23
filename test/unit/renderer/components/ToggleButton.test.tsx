import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ToggleButton } from '../../../../renderer/src/components/ToggleButton';

describe('ToggleButton', () => {
  it('says whether it is on and asks for the other state', () => {
    const onToggle = vi.fn();
    const { rerender } = render(
      <ToggleButton pressed={false} onToggle={onToggle} title="Show the headers">
        Headers
      </ToggleButton>,
    );
    const button = screen.getByRole('button', { name: 'Headers', pressed: false });
    expect(button.getAttribute('title')).toBe('Show the headers');
    expect(button.className).toBe('button button--quiet');
    fireEvent.click(button);
    expect(onToggle).toHaveBeenLastCalledWith(true);
    rerender(
      <ToggleButton pressed onToggle={onToggle} className="button">
        Headers
      </ToggleButton>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Headers', pressed: true }));
    expect(onToggle).toHaveBeenLastCalledWith(false);
  });
});
