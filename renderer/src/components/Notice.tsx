import type { ReactNode } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import { CopyButton } from './CopyButton';
import { CloseIcon, ErrorIcon, InfoIcon, WarningIcon } from './icons';

/**
 * One visual language for everything the user must read: an error where an action failed, a
 * warning that did not stop anything, or information. Errors and warnings are announced (role
 * alert / status) because they appear in response to something the user did.
 */

type Tone = 'error' | 'warning' | 'info';

interface NoticeProps {
  tone: Tone;
  title: ReactNode;
  hint?: ReactNode;
  /** Buttons shown under the text (Retry, Open anyway…). */
  actions?: ReactNode;
  onDismiss?: () => void;
  dismissLabel?: string;
  /** 'alert' for failures of something the user just did; 'status' for quieter news; none when the
   * notice is part of content that was already there. */
  live?: 'alert' | 'status' | 'none';
  compact?: boolean;
  className?: string;
  testId?: string;
}

export function Notice({
  tone,
  title,
  hint,
  actions,
  onDismiss,
  dismissLabel = 'Dismiss',
  live = tone === 'error' ? 'alert' : 'status',
  compact = false,
  className,
  testId,
}: NoticeProps) {
  const Icon = tone === 'error' ? ErrorIcon : tone === 'warning' ? WarningIcon : InfoIcon;
  return (
    <div
      className={`notice notice--${tone}${compact ? ' notice--compact' : ''}${className ? ` ${className}` : ''}`}
      role={live === 'none' ? undefined : live}
      data-testid={testId}
    >
      <Icon className="notice__icon" />
      <div className="notice__body">
        <p className="notice__title">{title}</p>
        {hint ? <p className="notice__hint">{hint}</p> : null}
        {actions ? <div className="notice__actions">{actions}</div> : null}
      </div>
      {onDismiss ? (
        <button
          type="button"
          className="icon-button notice__dismiss"
          aria-label={dismissLabel}
          title={dismissLabel}
          onClick={onDismiss}
        >
          <CloseIcon />
        </button>
      ) : null}
    </div>
  );
}

/**
 * An ErrorInfo from the engine, shown where the action happened, with an optional Retry. A link the
 * error asks the person to pass on (the admin-consent page) is shown in full with a Copy button.
 */
export function ErrorNotice({
  error,
  onRetry,
  retryLabel = 'Retry',
  compact,
  testId,
  className,
}: {
  error: ErrorInfo;
  onRetry?: () => void;
  retryLabel?: string;
  compact?: boolean;
  testId?: string;
  className?: string;
}) {
  return (
    <Notice
      tone="error"
      title={error.message}
      hint={error.hint}
      compact={compact}
      testId={testId}
      className={className}
      actions={
        onRetry || error.url ? (
          <>
            {error.url ? (
              <span className="notice__link">
                <code className="notice__url" data-testid="error-url">
                  {error.url}
                </code>
                <CopyButton text={error.url} label="Copy link" />
              </span>
            ) : null}
            {onRetry ? (
              <button type="button" className="button" onClick={onRetry}>
                {retryLabel}
              </button>
            ) : null}
          </>
        ) : undefined
      }
    />
  );
}

export function Spinner({ label, size = 16 }: { label?: string; size?: number }) {
  return (
    <span className="spinner-wrap" role={label ? 'status' : undefined}>
      <span className="spinner" aria-hidden="true" style={{ width: size, height: size }} />
      {label ? <span className="spinner__label">{label}</span> : null}
    </span>
  );
}
