import type { INetworkModule, NetworkRequestOptions } from '@azure/msal-node';
import { z } from 'zod';

/**
 * MSAL's network client, remembering the last error Entra sent to a POST. MSAL's device-code
 * polling turns any answer other than `authorization_pending` into a bare `post_request_failed`
 * that keeps only the `error` word ("invalid_grant"), losing the AADSTS code and text that say
 * what is wrong (consent missing, blocked by Conditional Access). With this the sign-in can still
 * name the cause. Only the error fields are kept: never a token.
 */
export interface EntraErrorTap extends INetworkModule {
  /** The newest Entra error body seen, if any since `clear()`. */
  lastError(): EntraErrorFields | undefined;
  clear(): void;
}

const EntraErrorBody = z.object({
  error: z.string(),
  error_description: z.string().default(''),
  error_codes: z.array(z.number()).optional(),
  suberror: z.string().optional(),
});
export type EntraErrorFields = z.infer<typeof EntraErrorBody>;

export function tapEntraErrors(network: INetworkModule): EntraErrorTap {
  let last: EntraErrorFields | undefined;
  return {
    sendGetRequestAsync: (url, options, timeout) => network.sendGetRequestAsync(url, options, timeout),
    async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions) {
      const response = await network.sendPostRequestAsync<T>(url, options);
      const entra = EntraErrorBody.safeParse(response.body);
      if (entra.success && entra.data.error !== 'authorization_pending') {
        const { error, error_description, error_codes, suberror } = entra.data;
        last = {
          error,
          error_description,
          ...(error_codes ? { error_codes } : {}),
          ...(suberror ? { suberror } : {}),
        };
      }
      return response;
    },
    lastError: () => last,
    clear: () => {
      last = undefined;
    },
  };
}
