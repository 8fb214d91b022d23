import { type ComponentProps } from 'react';

/**
 * A button that shows or hides something: it says whether it is on (`aria-pressed`), and a click
 * asks for the other state. Other button attributes (a title, a test id) pass through.
 */
export function ToggleButton({
  pressed,
  onToggle,
  className = 'button button--quiet',
  ...rest
}: Omit<ComponentProps<'button'>, 'onClick' | 'onToggle' | 'aria-pressed'> & {
  pressed: boolean;
  onToggle: (pressed: boolean) => void;
}) {
  return (
    <button
      type="button"
      className={className}
      {...rest}
      aria-pressed={pressed}
      onClick={() => onToggle(!pressed)}
    />
  );
}
