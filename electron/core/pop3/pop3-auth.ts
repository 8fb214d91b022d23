import { decodeSaslError, type SaslMechanism, saslBlob, saslErrorAck } from '../auth/sasl';
import type { Command, Reply } from './command-pipeline';
import { Pop3Error, printable } from './errors';
import type { Capabilities } from './replies';

/** RFC 5034 SASL sign-in with a bearer token (XOAUTH2 or OAUTHBEARER); never USER/PASS. */

export interface AuthenticateOptions {
  /** The mailbox (SASL authorization identity). */
  user: string;
  /** The bearer token; sent only inside the SASL blob, never shown (onSend and errors say `<redacted>`). */
  accessToken: string;
  /** Default XOAUTH2, what Exchange Online offers. */
  mechanism?: SaslMechanism;
  /**
   * Send the blob on the AUTH line (RFC 5034 initial response) instead of after a `+`. Off by
   * default: Microsoft documents the two-step form, and RFC 5034 §4 limits the AUTH line to 255
   * octets, which an Entra ID token exceeds.
   */
  initialResponse?: boolean;
}

/**
 * Runs the AUTH exchange through `exec`. A refusal becomes a Pop3Error carrying the server's
 * decoded SASL error, if it sent one.
 */
export async function authenticate(
  exec: (command: Command) => Promise<Reply>,
  capabilities: Capabilities,
  auth: AuthenticateOptions,
): Promise<void> {
  const mechanism = auth.mechanism ?? 'XOAUTH2';
  const offered = capabilities.get('SASL');
  if (offered && !offered.some((m) => m.toUpperCase() === mechanism))
    throw new Pop3Error(
      'unsupported',
      `The POP3 server does not offer ${mechanism} sign-in (it offers: ${printable(offered.join(' ')) || 'none'}).`,
    );
  const blob = saslBlob(mechanism, auth.user, auth.accessToken);
  let blobSent = auth.initialResponse === true;
  let saslError: Record<string, unknown> | undefined;
  let errorRounds = 0;
  try {
    await exec({
      wire: blobSent ? `AUTH ${mechanism} ${blob}` : `AUTH ${mechanism}`,
      shown: blobSent ? `AUTH ${mechanism} <redacted>` : `AUTH ${mechanism}`,
      expect: 'line',
      exclusive: true,
      challenge: (text) => {
        if (!blobSent) {
          blobSent = true;
          return { wire: blob, shown: '<redacted>' };
        }
        // An error challenge (RFC 7628 §3.2.2; XOAUTH2 the same way): answer so the server can
        // finish with -ERR; a server that keeps challenging is cancelled (`*`, RFC 5034 §4).
        saslError ??= decodeSaslError(text);
        const answer = ++errorRounds > 1 ? '*' : saslErrorAck(mechanism);
        return { wire: answer, shown: answer };
      },
    });
  } catch (error) {
    if (error instanceof Pop3Error && (error.kind === 'auth' || error.kind === 'unavailable')) {
      const detail = saslError ? ` (${printable(JSON.stringify(saslError))})` : '';
      throw new Pop3Error(error.kind, `${error.message}${detail}`, {
        command: error.command,
        serverText: error.serverText,
        responseCode: error.responseCode,
        saslError,
      });
    }
    throw error;
  }
}
