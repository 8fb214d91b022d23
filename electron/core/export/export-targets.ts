import { IssuedHandles } from '../common/issued-handles';

/** Long enough to export, cancel and resume from one dialog; forgotten after. */
export const EXPORT_TARGET_TTL_MS = 60 * 60 * 1000;

/**
 * Export destinations the user chose, by opaque id. Unlike a save handle an id may be used again
 * (`get`: a resume after a cancel or a dropped connection runs into the same folder), but only for
 * the path it was issued for and only for an hour.
 */
export function exportTargets(now?: () => number): IssuedHandles<string> {
  return new IssuedHandles(
    {
      ttlMs: EXPORT_TARGET_TTL_MS,
      max: 16,
      refusal: { message: 'That export destination is no longer valid.', hint: 'Choose the folder again.' },
    },
    now,
  );
}
