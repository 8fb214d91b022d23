import { useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import { useApi } from '../../api-context';
import { useSettings } from '../../lib/settings';
import { useResolvedTheme } from '../../lib/theme';
import { ErrorNotice } from '../../components/Notice';
import { darkAdapted } from './dark-adapt';

/**
 * The message's HTML, already sanitised (sanitize-html.ts), in a frame on an origin of its own
 * (shared/frame.ts): the host serves the document with its own CSP, so the app page's policy stays
 * strict, and the message's HTML never touches the app's own DOM. The sandbox allows scripts only
 * for the frame's key forwarder (the policy allows no other script): no same-origin access, no
 * popups, no forms, no navigation of the app.
 *
 * Key presses inside the frame never reach the page; the forwarder posts the app's shortcuts, and
 * they are replayed here, on the frame element, so they bubble to the app's handlers as if typed
 * outside it.
 *
 * It keeps the sender's colours; with "Darken message bodies" on and the dark theme in effect, the
 * document is darkened (dark-adapt.ts) and the frame's own backdrop follows.
 */
export function MessageFrame({ document, allowRemote }: { document: string; allowRemote: boolean }) {
  const { darkMessages } = useSettings();
  const theme = useResolvedTheme();
  const dark = darkMessages && theme === 'dark';
  const html = dark ? darkAdapted(document) : document;
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const api = useApi();

  useEffect(() => {
    let current = true;
    void api.invoke('frames.put', { html, allowRemote }).then((result) => {
      if (!current) return;
      if (result.ok) setUrl(result.value.url);
      setError(result.ok ? null : result.error);
    });
    return () => {
      current = false;
    };
  }, [api, html, allowRemote]);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const frame = frameRef.current;
      if (!frame || event.source !== frame.contentWindow) return;
      const key = forwardedKey(event.data);
      if (key) frame.dispatchEvent(new KeyboardEvent('keydown', { ...key, bubbles: true, cancelable: true }));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  if (error) return <ErrorNotice error={error} testId="reader-frame-error" />;
  if (url === null) return <div className="reader-frame" aria-busy="true" />;
  return (
    <iframe
      ref={frameRef}
      className="reader-frame"
      title="Message body"
      data-testid="reader-frame"
      data-dark-adapted={dark ? 'true' : undefined}
      sandbox="allow-scripts"
      referrerPolicy="no-referrer"
      src={url}
      style={dark ? { background: '#1d1e21', colorScheme: 'dark' } : undefined}
    />
  );
}

interface ForwardedKey {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The forwarder's message (shared/frame.ts), checked field by field; anything else is ignored. */
function forwardedKey(data: unknown): ForwardedKey | null {
  if (typeof data !== 'object' || data === null || !('mailscopeKey' in data)) return null;
  const raw = data.mailscopeKey;
  if (typeof raw !== 'object' || raw === null) return null;
  const value = raw as Record<string, unknown>;
  const { key, code, ctrlKey, metaKey, altKey, shiftKey } = value;
  if (typeof key !== 'string' || key.length > 16 || typeof code !== 'string' || code.length > 24) return null;
  if (![ctrlKey, metaKey, altKey, shiftKey].every((flag) => typeof flag === 'boolean')) return null;
  return {
    key,
    code,
    ctrlKey: ctrlKey === true,
    metaKey: metaKey === true,
    altKey: altKey === true,
    shiftKey: shiftKey === true,
  };
}
