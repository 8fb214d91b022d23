import { type ReactNode } from 'react';

/**
 * A set of radio buttons under one legend. Each option has a title and, optionally, a line that
 * explains it. The checked radio carries `data-field={name}`, so a form that moves focus to a field
 * by name lands on the current choice.
 */
export interface RadioOption<T extends string> {
  value: T;
  title: ReactNode;
  description?: ReactNode;
}

export interface RadioGroupProps<T extends string> {
  /** The radios' shared `name` attribute: unique in the document (use `useId`). */
  groupName: string;
  /** The field's name, for `data-field` and the `field-<name>` test id. */
  name: string;
  legend: ReactNode;
  options: readonly RadioOption<T>[];
  value: T;
  onChange: (value: T) => void;
  /** The fieldset's class: the form's own layout. */
  className?: string;
}

export function RadioGroup<T extends string>({
  groupName,
  name,
  legend,
  options,
  value,
  onChange,
  className,
}: RadioGroupProps<T>) {
  return (
    <fieldset className={className} data-testid={`field-${name}`}>
      <legend className="field-label">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="radio">
          <input
            type="radio"
            name={groupName}
            value={option.value}
            data-field={option.value === value ? name : undefined}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          {option.description === undefined ? (
            <span className="radio__title">{option.title}</span>
          ) : (
            <span>
              <span className="radio__title">{option.title}</span>
              <span className="radio__desc">{option.description}</span>
            </span>
          )}
        </label>
      ))}
    </fieldset>
  );
}
