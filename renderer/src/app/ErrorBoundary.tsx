import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorIcon } from '../components/icons';

/**
 * The last line: a rendering bug shows a way out instead of a blank window. "Try again" re-renders
 * the app (open sources stay open in the engine; the UI starts from the welcome screen if its state
 * was lost); "Reload" starts the page over.
 */

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Mailscope UI error', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="crash" role="alert" data-testid="crash-screen">
        <div className="crash__card">
          <ErrorIcon size={32} className="crash__icon" />
          <h1 className="crash__title">Something went wrong in this window</h1>
          <p className="crash__text">
            Mailscope hit an unexpected problem while drawing the screen. Your mail is safe: Mailscope only
            reads it.
          </p>
          <pre className="crash__detail">{error.message}</pre>
          <div className="crash__actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() => this.setState({ error: null })}
            >
              Try again
            </button>
            <button type="button" className="button" onClick={() => window.location.reload()}>
              Reload
            </button>
          </div>
        </div>
      </main>
    );
  }
}
