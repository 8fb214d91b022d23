import type { z } from 'zod';
import { errorInfo, type Result } from '../../shared/errors';
import { type Api, CONTRACT, isMethod, type Method } from '../../shared/ipc';
import { toErrorInfo } from './common/app-error';
import { internalErrorLogger } from './log';

const defaultLog = internalErrorLogger('mailscope');

export type Dispatch = (method: unknown, payload: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /**
   * Told about failures that are not AppErrors (bugs), with the real error, for the log. Default:
   * one redacted line on stderr (an error object can carry a server reply or a request's secret).
   */
  onInternalError?: (method: Method, error: unknown) => void;
}

/**
 * The one gate between an untrusted caller and the Api, shared by Electron IPC and the harness:
 * checks the method name, parses the payload with the contract's schema, runs the method, parses
 * its answer, and turns every failure into a Result error with no stack trace.
 */
export function createDispatch(api: Api, options: DispatchOptions = {}): Dispatch {
  return async (method, payload) => {
    if (!isMethod(method)) {
      return { ok: false, error: errorInfo('INVALID_REQUEST', `Unknown method ${describe(method)}.`) };
    }
    const contract = CONTRACT[method];
    const request = contract.request.safeParse(payload ?? {});
    if (!request.success) {
      return { ok: false, error: errorInfo('INVALID_REQUEST', describeIssues(method, request.error)) };
    }
    try {
      const handler = api[method] as (request: unknown) => Promise<unknown>;
      const value: unknown = contract.response.parse(await handler(request.data));
      return { ok: true, value };
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.code === 'INTERNAL') (options.onInternalError ?? defaultLog)(method, error);
      return { ok: false, error: info };
    }
  };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : `of type ${typeof value}`;
}

function describeIssues(method: Method, error: z.ZodError): string {
  const issues = error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return `Invalid ${method} request: ${issues.join('; ')}.`;
}
