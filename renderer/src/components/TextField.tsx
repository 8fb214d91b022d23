import { type ReactNode, type Ref } from 'react';

/**
 * A labelled one-line text input with its error and help lines, wired for assistive technology:
 * the error (when shown) and the help describe the input, and `aria-invalid` follows the error.
 * `name` ties the pieces together: `data-field` on the input (where a form moves focus),
 * `field-<name>` and `error-<name>` for tests. Text is monospace unless `mono` is false. A form
 * that shows its error elsewhere (a notice under several controls) passes `errorId` and `invalid`;
 * `action` puts a button in a row beside the input (`PathField`).
 */
export interface TextFieldProps {
  id: string;
  name: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** Shown, and announced as the input's description, when present. */
  error?: string;
  help?: ReactNode;
  placeholder?: string;
  mono?: boolean;
  inputMode?: 'numeric';
  inputRef?: Ref<HTMLInputElement>;
  /** The wrapper's class: the form's own layout. */
  className?: string;
  /** The id of an error shown outside the field, which then describes the input too. */
  errorId?: string | null;
  invalid?: boolean;
  disabled?: boolean;
  /** Beside the input, in a row of this class. */
  action?: { node: ReactNode; rowClassName: string };
}

/**
 * What a field holds here is typed exactly (ids, hosts, paths, a Message-ID): no spelling marks,
 * no autofill, no capital first letter.
 */
const PLAIN_TEXT = { type: 'text', spellCheck: false, autoComplete: 'off', autoCapitalize: 'off' } as const;

export function TextField({
  id,
  name,
  label,
  value,
  onChange,
  onBlur,
  error,
  help,
  placeholder,
  mono = true,
  inputMode,
  inputRef,
  className,
  ...outside
}: TextFieldProps) {
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [error ? errorId : outside.errorId, help ? helpId : null].filter(Boolean).join(' ');
  const input = (
    <input
      id={id}
      ref={inputRef}
      data-field={name}
      aria-invalid={error || outside.invalid ? true : undefined}
      disabled={outside.disabled}
      className={`text-input${mono ? '' : ' text-input--ui'}`}
      {...PLAIN_TEXT}
      value={value}
      placeholder={placeholder}
      inputMode={inputMode}
      aria-describedby={describedBy || undefined}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
    />
  );
  return (
    <div className={className} data-testid={`field-${name}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {outside.action ? (
        <div className={outside.action.rowClassName}>
          {input}
          {outside.action.node}
        </div>
      ) : (
        input
      )}
      {error ? (
        <p id={errorId} className="field-error" data-testid={`error-${name}`}>
          {error}
        </p>
      ) : null}
      {help ? (
        <p id={helpId} className="field-help">
          {help}
        </p>
      ) : null}
    </div>
  );
}
