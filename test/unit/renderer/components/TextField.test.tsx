import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { TextField } from '../../../../renderer/src/components/TextField';

describe('TextField', () => {
  it('labels the input and describes it by its help', () => {
    render(
      <TextField id="t" name="tenant" label="Tenant" value="" onChange={() => {}} help="Where to find it" />,
    );
    const input = screen.getByLabelText('Tenant');
    expect(input.getAttribute('data-field')).toBe('tenant');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(input.getAttribute('aria-describedby')).toBe('t-help');
    expect(document.getElementById('t-help')?.textContent).toBe('Where to find it');
  });

  it('shows an error, marks the input invalid and puts the error first in its description', () => {
    render(
      <TextField
        id="t"
        name="port"
        label="Port"
        value="8O"
        onChange={() => {}}
        error="Port: a number"
        help="Empty: 993."
      />,
    );
    const input = screen.getByLabelText('Port');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('t-error t-help');
    expect(screen.getByTestId('error-port').textContent).toBe('Port: a number');
  });

  it('reports each change as the new string, and blur', () => {
    const onChange = vi.fn();
    const onBlur = vi.fn();
    render(<TextField id="t" name="name" label="Name" value="" onChange={onChange} onBlur={onBlur} />);
    const input = screen.getByLabelText('Name');
    fireEvent.change(input, { target: { value: 'Invoices' } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledWith('Invoices');
    expect(onBlur).toHaveBeenCalledOnce();
  });

  it('is monospace unless told otherwise', () => {
    render(
      <>
        <TextField id="a" name="a" label="A" value="" onChange={() => {}} />
        <TextField id="b" name="b" label="B" value="" onChange={() => {}} mono={false} />
      </>,
    );
    expect(screen.getByLabelText('A').className).toBe('text-input');
    expect(screen.getByLabelText('B').className).toBe('text-input text-input--ui');
  });

  it('takes text as typed: no spell check, autofill or capital first letter', () => {
    render(<TextField id="t" name="host" label="Host" value="" onChange={() => {}} />);
    const input = screen.getByLabelText('Host');
    expect(input.getAttribute('type')).toBe('text');
    expect(input.getAttribute('spellcheck')).toBe('false');
    expect(input.getAttribute('autocomplete')).toBe('off');
    expect(input.getAttribute('autocapitalize')).toBe('off');
  });
});
