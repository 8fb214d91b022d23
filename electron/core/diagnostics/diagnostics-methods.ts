import { randomUUID } from 'node:crypto';
import type { DiagnosticReport } from '../../../shared/diagnostics';
import type { Api } from '../../../shared/ipc';
import {
  type Profile,
  type ProfileDraft,
  ProfileDraft as ProfileDraftSchema,
  resolveServer,
} from '../../../shared/profile';
import type { ParsedSecret, ProfileMethods } from '../profiles/profile-methods';

export type Diagnose = (profile: Profile, credential: ParsedSecret | null) => Promise<DiagnosticReport>;

/**
 * "Test connection", for a stored profile or the wizard's draft; the outcome of a stored profile's
 * test is kept for the sidebar.
 */
export function createDiagnosticsMethods(
  diagnose: Diagnose,
  profiles: Pick<
    ProfileMethods,
    'profile' | 'parseSecret' | 'withCertificateFacts' | 'requireBoundSecret' | 'recordCheck'
  >,
  /** The cloud policy: throws for a profile whose authority host is not allowed. */
  checkCloud: (profile: Profile) => void,
): Pick<Api, 'diagnostics.run'> {
  return {
    'diagnostics.run': async (request) => {
      // A draft is tested exactly as it would be saved: with the certificate facts its credential gives.
      const credential = 'draft' in request && request.secret ? profiles.parseSecret(request.secret) : null;
      const profile =
        'draft' in request
          ? draftProfile(profiles.withCertificateFacts(request.draft, credential), request.profileId)
          : await profiles.profile(request.profileId);
      checkCloud(profile);
      // A draft tested under a saved profile's id, without a secret of its own, would use the
      // stored one: only where that secret was entered for.
      if ('draft' in request && request.profileId && !credential) {
        await profiles.requireBoundSecret(request.profileId, profile);
      }
      const report = await diagnose(profile, credential);
      if (!('draft' in request) || request.profileId) {
        const failed = report.steps.find((step) => step.status === 'failed');
        profiles.recordCheck(profile.id, {
          status: report.ok ? 'ok' : 'failed',
          at: report.startedAt,
          summary: failed
            ? `${failed.title}: ${failed.cause ?? 'failed'}`
            : 'Connected and opened INBOX read-only.',
        });
      }
      return report;
    },
  };
}

/** An unsaved profile from the wizard, complete enough to test: the draft's own id if it has one. */
function draftProfile(draft: ProfileDraft, id: string | undefined): Profile {
  const parsed = ProfileDraftSchema.parse(draft);
  const now = new Date().toISOString();
  return { ...parsed, id: id ?? randomUUID(), server: resolveServer(parsed), createdAt: now, updatedAt: now };
}
