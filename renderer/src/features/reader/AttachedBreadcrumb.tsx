import { ChevronIcon } from '../../components/icons';

export interface Crumb {
  /** The part path that opened this level (absent for the outer message). */
  readonly partId?: string;
  readonly label: string;
}

/**
 * Where the reader is among messages inside messages: the outer message first, the one shown last.
 * Every earlier level is a button back to it; Back goes up one level. Shown only inside an attached
 * message.
 */
export function AttachedBreadcrumb({
  trail,
  onGo,
}: {
  trail: readonly Crumb[];
  onGo: (depth: number) => void;
}) {
  const current = trail.length - 1;
  return (
    <nav className="attached-crumbs" aria-label="Attached messages" data-testid="attached-breadcrumb">
      <button
        type="button"
        className="button button--quiet attached-crumbs__back"
        onClick={() => onGo(current - 1)}
        aria-label={`Back to ${trail[current - 1]?.label ?? 'the outer message'}`}
        aria-keyshortcuts="Alt+ArrowLeft"
        title="Back (Alt+Left)"
      >
        <ChevronIcon size={12} className="attached-crumbs__back-icon" />
        Back
      </button>
      <ol className="attached-crumbs__list">
        {trail.map((crumb, depth) => (
          <li key={depth} className="attached-crumbs__item">
            {depth > 0 ? <ChevronIcon size={10} className="attached-crumbs__sep" aria-hidden="true" /> : null}
            {depth === current ? (
              <span className="attached-crumbs__current" aria-current="page" dir="auto" title={crumb.label}>
                {crumb.label}
              </span>
            ) : (
              <button
                type="button"
                className="link-button attached-crumbs__link"
                onClick={() => onGo(depth)}
                dir="auto"
                title={crumb.label}
              >
                {crumb.label}
              </button>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
