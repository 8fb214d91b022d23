import type { Api } from '../../../shared/ipc';
import { AppError } from '../common/app-error';
import type { Host } from '../host';

/** Schemes links.open hands to the OS; anything else (file:, javascript:, custom handlers) is refused. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * The mailto fields (RFC 6068) a mail client may take from a message's link. Others are dropped:
 * `attach=`/`attachment=` make some clients attach a local file to the draft, and headers such as
 * `from=`, `reply-to=` or `x-…` are the sender's, not the user's, to set.
 */
const MAILTO_FIELDS: ReadonlySet<string> = new Set(['to', 'cc', 'bcc', 'subject', 'body']);

/** A mailto: URL with only the fields above, kept byte for byte (no re-encoding), and no fragment. */
export function safeMailto(url: URL): string {
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((field) => {
      const name = field.split('=', 1)[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        return false;
      }
      return MAILTO_FIELDS.has(decoded.trim().toLowerCase());
    });
  return `mailto:${url.pathname}${kept.length ? `?${kept.join('&')}` : ''}`;
}

/** The link policy: a link from a message reaches the OS only if it is a web or mail address. */
export function createLinkMethods(host: Host): Pick<Api, 'links.open'> {
  return {
    'links.open': async ({ url }) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new AppError(
          'LINK_REFUSED',
          'That link is not a valid web address, so Mailscope will not open it.',
        );
      }
      if (!LINK_SCHEMES.has(parsed.protocol)) {
        throw new AppError(
          'LINK_REFUSED',
          `Mailscope opens only http, https and mailto links, not “${parsed.protocol.slice(0, 40)}” links.`,
        );
      }
      await host.openExternal(parsed.protocol === 'mailto:' ? safeMailto(parsed) : parsed.href);
      return { opened: true };
    },
  };
}
