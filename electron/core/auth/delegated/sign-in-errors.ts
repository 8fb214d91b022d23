import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import type { Profile } from '../../../../shared/profile';
import { AppError } from '../../common/app-error';
import { aadstsCode, type AadstsContext } from '../aadsts';
import { TokenRequestError, toTokenRequestError } from '../token-provider';
import type { EntraErrorTap } from './entra-error-tap';

/**
 * A failed delegated sign-in or token refresh, as something the person can act on: each cause
 * Entra or MSAL reports gets its own error code (the UI reacts to it: Sign in again, the consent
 * link, …), and a message and fix in plain words (from the AADSTS table where Entra gave a code).
 */

/** MSAL's client-side codes that mean "there is no usable sign-in": the person must sign in. */
const SIGN_IN_AGAIN = new Set([
  'no_account_in_silent_request',
  'no_tokens_found',
  'refresh_token_expired',
  'token_refresh_required',
  'interaction_required',
  'login_required',
  'bad_token',
]);

export function notSignedIn(profile: Profile): TokenRequestError {
  return new TokenRequestError(
    { kind: 'credential', reason: 'not-signed-in' },
    `Nobody is signed in for ${profile.mailbox}.`,
    'Sign in on the mailbox’s page, with your browser or with a code: Mailscope then opens it with your own account.',
  );
}

export function cancelled(how: string): TokenRequestError {
  return new TokenRequestError(
    { kind: 'client', error: 'cancelled', description: how },
    `The sign-in was cancelled ${how}.`,
    'Sign in again when you are ready.',
    { code: 'SIGN_IN_CANCELLED' },
  );
}

export function expired(what: string, fix: string): TokenRequestError {
  return new TokenRequestError({ kind: 'client', error: 'expired', description: what }, what, fix, {
    code: 'SIGN_IN_EXPIRED',
  });
}

export function toSignInError(error: unknown, ctx: AadstsContext, tap?: EntraErrorTap): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof AuthError) {
    const code = error.errorCode;
    const entra = code === 'post_request_failed' ? tap?.lastError() : undefined;
    if (entra) {
      const aadsts = entra.error_codes?.[0] ?? aadstsCode(entra.error_description);
      if (aadsts !== undefined) {
        const tagged = Object.assign(new Error(entra.error_description), {
          entra: { code: aadsts, error: entra.error, description: entra.error_description },
        });
        return toTokenRequestError(tagged, ctx);
      }
    }
    if (code === 'device_code_polling_cancelled') return cancelled('in Mailscope');
    if (code === 'device_code_expired' || code === 'user_timeout_reached') {
      return expired(
        'The sign-in code expired before anyone signed in with it.',
        'Start the sign-in again and enter the new code within 15 minutes.',
      );
    }
    const converted = toTokenRequestError(error, ctx);
    if (converted.failure.kind === 'aadsts') return converted;
    if (SIGN_IN_AGAIN.has(code) || error instanceof InteractionRequiredAuthError) {
      return new TokenRequestError(
        { kind: 'client', error: code, description: error.errorMessage },
        'Your sign-in is no longer valid.',
        'Sign in again on the mailbox’s page.',
        { cause: error, code: 'SIGN_IN_REQUIRED' },
      );
    }
    return converted;
  }
  return toTokenRequestError(error, ctx);
}
