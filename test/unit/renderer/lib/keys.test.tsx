import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isTyping, modalOpen } from '../../../../renderer/src/lib/keys';

/** When single-key shortcuts must stay out of the way: typing in a field, or a dialog open. */

describe('isTyping', () => {
  it('is true in inputs, text areas and selects, false elsewhere', () => {
    const { container } = render(
      <>
        <input data-k="input" />
        <textarea data-k="textarea" />
        <select data-k="select" />
        <button data-k="button" />
      </>,
    );
    const at = (k: string) => container.querySelector(`[data-k="${k}"]`);
    expect(['input', 'textarea', 'select', 'button'].map((k) => isTyping(at(k)))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(isTyping(null)).toBe(false);
    expect(isTyping(window)).toBe(false);
  });
});

describe('modalOpen', () => {
  it('follows whether a dialog is open', () => {
    const { rerender } = render(<dialog />);
    expect(modalOpen()).toBe(false);
    rerender(<dialog open />);
    expect(modalOpen()).toBe(true);
  });
});
