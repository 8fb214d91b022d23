import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RadioGroup } from '../../../../renderer/src/components/RadioGroup';
import { TextField } from '../../../../renderer/src/components/TextField';
import { useField } from '../../../../renderer/src/components/use-field';

function Form() {
  const name = useField('first');
  const size = useField<'s' | 'l'>(() => 's');
  return (
    <>
      <TextField id="n" name="name" label="Name" {...name} />
      <RadioGroup
        groupName="g"
        name="size"
        legend="Size"
        options={[
          { value: 's', title: 'Small' },
          { value: 'l', title: 'Large' },
        ]}
        {...size}
      />
      <button type="button" onClick={() => name.onChange((current) => `${current}!`)}>
        Shout
      </button>
      <output>{`${name.value} ${size.value}`}</output>
    </>
  );
}

describe('useField', () => {
  it('binds a text field and a radio group with one spread, and keeps what they change', () => {
    render(<Form />);
    const input = screen.getByLabelText('Name');
    expect((input as HTMLInputElement).value).toBe('first');
    fireEvent.change(input, { target: { value: 'second' } });
    fireEvent.click(screen.getByLabelText('Large'));
    expect(screen.getByRole('status').textContent).toBe('second l');
  });

  it('takes an update function, as a state setter does', () => {
    render(<Form />);
    fireEvent.click(screen.getByText('Shout'));
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('first!');
  });
});
