import type { Profile } from '../../../shared/profile';
import { AppError } from '../common/app-error';

/**
 * Whether a profile may name its own authority host (a `custom` cloud): off unless the person
 * running Mailscope turns it on (`--allow-custom-authority`; the test bed and the demo do), so an
 * imported profile cannot send secrets or a sign-in to a host of its author's choosing. Returns the
 * check: PROFILE_INVALID for a custom cloud while they are off.
 */
export function cloudPolicy(allowCustomAuthority: boolean): (profile: Pick<Profile, 'cloud'>) => void {
  return (profile) => {
    if (profile.cloud.kind !== 'custom' || allowCustomAuthority) return;
    throw new AppError(
      'PROFILE_INVALID',
      `Cloud: this profile signs in at ${profile.cloud.authorityHost}, a custom authority host, and custom hosts are turned off.`,
      'Choose Global, US Government or China. Custom hosts are for test setups: start Mailscope with --allow-custom-authority to use one.',
    );
  };
}
