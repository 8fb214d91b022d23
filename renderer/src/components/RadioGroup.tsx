import { type ReactNode, useId } from 'react';

/**
 * A set of radio buttons under one legend. Each option has a title and, optionally, a line that
 * explains it. The checked radio carries `data-field={name}`, so a form that moves focus to a field
 * by name lands on the current choice. A radio is named by its title alone and described by its
 * line ("Compact, radio button, One line per message…"), so a screen reader's name stays short.
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
  const id = useId();
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
            aria-labelledby={`${id}-${option.value}`}
            aria-describedby={option.description === undefined ? undefined : `${id}-${option.value}-desc`}
            onChange={() => onChange(option.value)}
          />
          <span className="radio__text">
            <span id={`${id}-${option.value}`} className="radio__title">
              {option.title}
            </span>
            {option.description === undefined ? null : (
              <span id={`${id}-${option.value}-desc`} className="radio__desc">
                {option.description}
              </span>
            )}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
