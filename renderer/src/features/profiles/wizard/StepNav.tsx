import { STEPS } from '../draft-form';
import type { Draft } from './use-draft';

/** The numbered steps above the form: where the user is, and which steps have errors shown. */
export function StepNav({ draft }: { draft: Draft }) {
  return (
    <nav aria-label="Steps" className="wizard-steps">
      <ol>
        {STEPS.map((s, index) => {
          const errors = draft.stepHasErrors(s.key);
          const current = s.key === draft.step;
          return (
            <li key={s.key}>
              <button
                type="button"
                className={`wizard-steps__item${current ? ' is-current' : ''}${errors ? ' has-errors' : ''}`}
                aria-current={current ? 'step' : undefined}
                onClick={() => draft.goTo(s.key)}
              >
                <span className="wizard-steps__number" aria-hidden="true">
                  {index + 1}
                </span>
                {s.title}
                {errors ? <span className="sr-only"> (has errors)</span> : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
