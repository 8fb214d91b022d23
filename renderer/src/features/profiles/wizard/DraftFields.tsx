import { type ReactNode, type Ref } from 'react';
import { RadioGroup, type RadioOption } from '../../../components/RadioGroup';
import { TextField } from '../../../components/TextField';
import type { DraftForm, FieldName } from '../draft-form';
import type { Draft } from './use-draft';

export type TextFieldName = Exclude<FieldName, 'protocol' | 'cloud' | 'tlsMode' | 'credential'>;

/** A TextField bound to one field of the draft: its value, its error once touched, its blur. */
export function DraftTextField(props: {
  draft: Draft;
  idPrefix: string;
  name: TextFieldName;
  label: string;
  help?: ReactNode;
  placeholder?: string;
  mono?: boolean;
  inputMode?: 'numeric';
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { draft, idPrefix, name, ...rest } = props;
  return (
    <TextField
      {...rest}
      id={`${idPrefix}-${name}`}
      name={name}
      className="wizard-field"
      value={draft.form[name]}
      error={draft.errorFor(name)}
      onChange={(value) => draft.update(name, value)}
      onBlur={() => draft.touch(name)}
    />
  );
}

type ChoiceName = 'protocol' | 'tlsMode' | 'credential';

/** A RadioGroup bound to one choice of the draft; `inline` lays the options out in a row. */
export function DraftRadioGroup<K extends ChoiceName>(props: {
  draft: Draft;
  idPrefix: string;
  name: K;
  legend: string;
  options: readonly RadioOption<DraftForm[K]>[];
  inline?: boolean;
}) {
  const { draft, idPrefix, name, inline, ...rest } = props;
  return (
    <RadioGroup
      {...rest}
      className={`wizard-field wizard-radios${inline ? ' wizard-radios--inline' : ''}`}
      groupName={`${idPrefix}-${name}`}
      name={name}
      value={draft.form[name]}
      onChange={(value) => draft.update(name, value)}
    />
  );
}
