import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Notice } from './Notice';

/**
 * Contains a rendering bug to one pane (a message the reader cannot draw, say) so the rest of the
 * window keeps working. It resets on its own when `resetKey` changes: choosing another message is
 * the natural way out.
 */

interface Props {
  resetKey: string;
  what: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: string;
}

export class PaneBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Mailscope could not display ${this.props.what}`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="pane-crash" data-testid="pane-error">
        <Notice
          tone="error"
          title={`Mailscope could not display ${this.props.what}.`}
          hint={`This is a bug in Mailscope (${error.message}). The rest of the window still works; choose something else, or try again.`}
          actions={
            <button type="button" className="button" onClick={() => this.setState({ error: null })}>
              Try again
            </button>
          }
        />
      </div>
    );
  }
}
