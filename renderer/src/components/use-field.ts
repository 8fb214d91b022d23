import { type Dispatch, type SetStateAction, useState } from 'react';

/** A controlled field's value and its setter, named the way `TextField` and `RadioGroup` take them. */
export interface Field<T> {
  value: T;
  onChange: Dispatch<SetStateAction<T>>;
}

/**
 * The state of one form field, bound as a whole: `<TextField {...field} />`, `field.value` to read
 * it. `onChange` is React's setter, so it also takes an update function.
 */
export function useField<T>(initial: T | (() => T)): Field<T> {
  const [value, onChange] = useState(initial);
  return { value, onChange };
}
