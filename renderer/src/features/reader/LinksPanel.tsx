import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import { useApi } from '../../api-context';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorNotice } from '../../components/Notice';
import type { MessageLink } from './sanitize-html';
import { misleads } from '../../../../shared/link-text';

/**
 * A message's links, listed with the address each one really goes to. Links inside the message
 * never work (its frame cannot navigate); from here a web or mailto link opens in the system
 * browser after the user has seen its real target, and a link whose text names another host
 * is called out, the way phishing hides its destination.
 */

const OPENABLE = new Set(['http:', 'https:', 'mailto:']);

function schemeOf(target: string): string | null {
  try {
    return new URL(target).protocol;
  } catch {
    return null;
  }
}

export function LinksPanel({ links }: { links: readonly MessageLink[] }) {
  const api = useApi();
  const [confirming, setConfirming] = useState<MessageLink | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const open = async (link: MessageLink) => {
    setConfirming(null);
    const result = await api.invoke('links.open', { url: link.target });
    setError(result.ok ? null : result.error);
  };

  return (
    <section className="links-panel" aria-label="Links in this message" data-testid="links-panel">
      {error ? <ErrorNotice compact error={error} testId="link-error" /> : null}
      <table className="links-panel__table">
        <thead>
          <tr>
            <th scope="col">Shown as</th>
            <th scope="col">Really goes to</th>
            <th scope="col">
              <span className="sr-only">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => {
            const scheme = schemeOf(link.target);
            const warn = misleads(link);
            return (
              <tr key={link.target} className={warn ? 'is-misleading' : undefined}>
                <td dir="auto">{link.text || <span className="muted">(no text)</span>}</td>
                <td className="links-panel__target">
                  <code>{link.target}</code>
                  {warn ? (
                    <span className="links-panel__warning"> The text names another address.</span>
                  ) : null}
                </td>
                <td>
                  {scheme && OPENABLE.has(scheme) ? (
                    <button
                      type="button"
                      className="button button--quiet"
                      onClick={() => setConfirming(link)}
                    >
                      Open…
                    </button>
                  ) : (
                    <span className="muted">
                      {scheme ? `${scheme.slice(0, -1)} links never open` : 'not an address'}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {confirming ? (
        <ConfirmModal
          title="Open this link?"
          confirmLabel="Open link"
          onConfirm={() => void open(confirming)}
          onCancel={() => setConfirming(null)}
          testId="link-confirm"
        >
          <p className="confirm__text">
            It opens in your browser (or mail app) outside Mailscope. The real address is:
          </p>
          <p className="confirm__text">
            <code className="links-panel__confirm-target">{confirming.target}</code>
          </p>
          {misleads(confirming) ? (
            <p className="confirm__text links-panel__warning">
              The message shows it as “{confirming.text}”, which names another address.
            </p>
          ) : null}
        </ConfirmModal>
      ) : null}
    </section>
  );
}
