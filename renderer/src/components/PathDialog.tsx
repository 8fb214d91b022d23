import { type FormEvent, type ReactNode, useId } from 'react';
import { Modal } from './Modal';
import { Notice, Spinner } from './Notice';
import { TextField } from './TextField';
import type { PathForm } from './use-path-form';

/**
 * A dialog around a path typed by hand, with its submit button beside it and a help line under
 * it: what stands in for the system's file dialogs where the host has none (Open, Save). Its
 * value, error and question state come from `usePathForm`; what the dialog adds (its error,
 * progress, recent paths) follows as children, and the engine's question (`ask`) after them.
 */
export interface PathDialogProps {
  title: string;
  testId: string;
  /** The classes of the dialog, its form and the row of input and button: the caller's layout. */
  classes: { dialog: string; form: string; row: string };
  onClose: () => void;
  onSubmit: () => void;
  /** What the field shows and changes; running the path is the dialog's. */
  form: Omit<PathForm<unknown>, 'submit'>;
  label: ReactNode;
  help: ReactNode;
  placeholder?: string;
  /** The id of the error the dialog shows for this path, if it shows one. */
  errorId?: string | null;
  submit: { label: string; busyLabel: string; busy: boolean; disabled: boolean };
  /** How the dialog answers the engine's question about the path (the form's `ask` state). */
  ask: { testId: string; hint?: string; actions: (path: string) => ReactNode };
  children: ReactNode;
}

export function PathDialog(props: PathDialogProps) {
  const { form, submit, placeholder } = props;
  const id = useId();
  const { state } = form;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <Modal
      title={props.title}
      onClose={props.onClose}
      initialFocus={form.inputRef}
      testId={props.testId}
      className={props.classes.dialog}
    >
      <form className={props.classes.form} onSubmit={onSubmit} noValidate>
        <TextField
          id={id}
          name="path"
          label={props.label}
          help={props.help}
          value={form.path ?? ''}
          {...(placeholder ? { placeholder } : {})}
          inputRef={form.inputRef}
          errorId={props.errorId ?? null}
          invalid={state.kind === 'error'}
          disabled={state.kind === 'ask'}
          onChange={(value) => {
            form.setPath(value);
            // Typing answers an error: it goes until the next try.
            if (state.kind === 'error') form.setState({ kind: 'idle' });
          }}
          action={{
            rowClassName: props.classes.row,
            node: (
              <button type="submit" className="button button--primary" disabled={submit.disabled}>
                {submit.busy ? <Spinner size={14} /> : null}
                {submit.busy ? submit.busyLabel : submit.label}
              </button>
            ),
          }}
        />
        {props.children}
        {state.kind === 'ask' ? (
          <Notice
            tone="warning"
            live="alert"
            testId={props.ask.testId}
            title={state.error.message}
            hint={props.ask.hint ?? state.error.hint}
            actions={props.ask.actions(state.path)}
          />
        ) : null}
      </form>
    </Modal>
  );
}
