import { type ReactNode, type Ref } from 'react';
import { TextField } from '../../../components/TextField';
import type { FieldName } from '../draft-form';
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
