import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useRovingFocus } from '../../../../renderer/src/components/use-roving-focus';

/** Roving focus: one Tab stop, the current item, and the owner's keys move the keyboard along. */

const ITEMS = ['one', 'two', 'three'];

function Strip({ start }: { start: string | undefined }) {
  const [current, setCurrent] = useState(start);
  const roving = useRovingFocus<string, HTMLButtonElement>(current);
  return (
    <div
      onKeyDown={(event) => {
        if (event.key !== 'ArrowRight') return;
        const next = ITEMS[(ITEMS.indexOf(current ?? '') + 1) % ITEMS.length] ?? 'one';
        setCurrent(next);
        roving.focus(next);
      }}
    >
      {ITEMS.map((item) => (
        <button key={item} type="button" {...roving.itemProps(item)}>
          {item}
        </button>
      ))}
    </div>
  );
}

const tabIndexes = () => screen.getAllByRole('button').map((button) => button.tabIndex);

describe('useRovingFocus', () => {
  it('makes only the current item a Tab stop, and moves the keyboard onto the item the owner chose', () => {
    render(<Strip start="one" />);
    expect(tabIndexes()).toEqual([0, -1, -1]);
    screen.getByRole('button', { name: 'one' }).focus();
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'two' }));
    expect(tabIndexes()).toEqual([-1, 0, -1]);
  });

  it('has no Tab stop without a current item', () => {
    render(<Strip start={undefined} />);
    expect(tabIndexes()).toEqual([-1, -1, -1]);
  });
});
