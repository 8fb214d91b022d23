/**
 * The message's HTML, already sanitised (sanitize-html.ts), in a frame with an empty sandbox: no
 * scripts, no same-origin access, no popups, no forms, no navigation of itself or of the app. Its
 * document carries its own CSP. The message's HTML never touches the app's own DOM.
 */
export function MessageFrame({ document }: { document: string }) {
  return (
    <iframe
      className="reader-frame"
      title="Message body"
      data-testid="reader-frame"
      sandbox=""
      referrerPolicy="no-referrer"
      srcDoc={document}
    />
  );
}
