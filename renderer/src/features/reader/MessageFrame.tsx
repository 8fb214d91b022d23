import { useSettings } from '../../app/settings';
import { useResolvedTheme } from '../../app/theme';
import { darkAdapted } from './dark-adapt';

/**
 * The message's HTML, already sanitised (sanitize-html.ts), in a frame with an empty sandbox: no
 * scripts, no same-origin access, no popups, no forms, no navigation of itself or of the app. Its
 * document carries its own CSP. The message's HTML never touches the app's own DOM.
 *
 * It keeps the sender's colours; with "Darken message bodies" on and the dark theme in effect, the
 * document is darkened (dark-adapt.ts) and the frame's own backdrop follows.
 */
export function MessageFrame({ document }: { document: string }) {
  const { darkMessages } = useSettings();
  const theme = useResolvedTheme();
  const dark = darkMessages && theme === 'dark';
  return (
    <iframe
      className="reader-frame"
      title="Message body"
      data-testid="reader-frame"
      data-dark-adapted={dark ? 'true' : undefined}
      sandbox=""
      referrerPolicy="no-referrer"
      srcDoc={dark ? darkAdapted(document) : document}
      style={dark ? { background: '#1d1e21', colorScheme: 'dark' } : undefined}
    />
  );
}
