import type { Api } from '../../../shared/ipc';
import type { SignedInAccount, SignInFlow, SignInMethod } from '../../../shared/model';
import type { Profile } from '../../../shared/profile';
import { AppError } from '../common/app-error';
import type { ProfileMethods } from '../profiles/profile-methods';

export interface SignInService {
  /** Profiles with the same id share one sign-in. */
  idOf(profile: Profile): string;
  start(profile: Profile, method: SignInMethod): Promise<SignInFlow>;
  wait(flowId: string): Promise<{ account: SignedInAccount; signInId: string }>;
  cancel(flowId: string): boolean;
  /** Ends the sign-in of the profile (and of every profile sharing it): account and tokens go. */
  signOut(profile: Profile): Promise<boolean>;
  /** Removes a sign-in no profile uses any more. */
  forget(signInId: string): Promise<boolean>;
}

type AuthMethodNames = 'auth.start' | 'auth.wait' | 'auth.cancel' | 'auth.signOut';

export interface AuthMethodsOptions {
  readonly signIn: SignInService;
  readonly profiles: Pick<ProfileMethods, 'profile' | 'all' | 'requireKeychain' | 'forgetCheck'>;
  /** The cloud policy: throws for a profile whose authority host is not allowed. */
  readonly checkCloud: (profile: Profile) => void;
  /** Called for each profile of a sign-in that ended: its open mailbox must close. */
  readonly onSignedOut: (profileId: string) => Promise<void>;
}

export interface AuthMethods {
  methods: Pick<Api, AuthMethodNames>;
  /** A sign-in that no profile uses any more (its last profile was removed or moved) is removed. */
  dropUnusedSignIn(before: Profile | null): Promise<void>;
}

/** A person's sign-in for delegated profiles: starting and waiting for it, signing out. */
export function createAuthMethods(options: AuthMethodsOptions): AuthMethods {
  const { signIn, profiles } = options;

  /** The stored delegated profiles that use this sign-in. */
  const sharing = async (signInId: string): Promise<Profile[]> =>
    (await profiles.all()).filter(
      (each) => each.credential === 'delegated' && signIn.idOf(each) === signInId,
    );

  const requireDelegated = (profile: Profile) => {
    if (profile.credential !== 'delegated') {
      throw new AppError(
        'UNSUPPORTED',
        `${profile.name} signs in with an app credential, not as a person.`,
        'Only mailboxes set up for delegated access (sign in as a person) have a sign-in.',
      );
    }
  };

  const methods: AuthMethods['methods'] = {
    'auth.start': async ({ profileId, method }) => {
      const profile = await profiles.profile(profileId);
      requireDelegated(profile);
      options.checkCloud(profile);
      // The sign-in's tokens go to the keychain: no keychain, no sign-in (never a file instead).
      await profiles.requireKeychain();
      return signIn.start(profile, method);
    },

    'auth.wait': async ({ flowId }) => {
      const { account, signInId } = await signIn.wait(flowId);
      for (const each of await sharing(signInId)) profiles.forgetCheck(each.id);
      return { account };
    },

    'auth.cancel': async ({ flowId }) => ({ cancelled: signIn.cancel(flowId) }),

    'auth.signOut': async ({ profileId }) => {
      const profile = await profiles.profile(profileId);
      requireDelegated(profile);
      const signedOut = await signIn.signOut(profile);
      // Open mailboxes of this sign-in stop using the person's account too.
      for (const each of await sharing(signIn.idOf(profile))) {
        profiles.forgetCheck(each.id);
        await options.onSignedOut(each.id);
      }
      return { signedOut };
    },
  };
  return {
    methods,
    dropUnusedSignIn: async (before) => {
      if (before?.credential !== 'delegated') return;
      const signInId = signIn.idOf(before);
      if ((await sharing(signInId)).length === 0) await signIn.forget(signInId);
    },
  };
}
