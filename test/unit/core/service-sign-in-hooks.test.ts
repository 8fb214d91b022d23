import { describe, expect, it } from 'vitest';
import { createService } from '../../../electron/core/service';
import { ProfileDraft } from '../../../shared/profile';
import { draft } from '../profiles/fixtures';
import { serviceOptions, unusedSignIn } from './helpers';

/**
 * A delegated profile's sign-in belongs to every profile that shares it: the service's profile
 * hooks (onSaved, onRemoved) remove a sign-in only when its last profile is gone or has moved.
 */
async function setup() {
  const forgotten: string[] = [];
  const api = createService(
    await serviceOptions({
      signIn: {
        ...unusedSignIn,
        // Profiles of one tenant share a sign-in here.
        idOf: (profile) => profile.tenant,
        forget: async (id) => {
          forgotten.push(id);
          return true;
        },
      },
    }),
  );
  const save = (tenant: string, id?: string) =>
    api['profiles.save']({
      ...(id ? { id } : {}),
      draft: ProfileDraft.parse(draft({ credential: 'delegated', tenant })),
    });
  return { api, forgotten, save };
}

describe('sign-ins follow their profiles', () => {
  it('a removed profile frees its sign-in only when it was the last to use it', async () => {
    const { api, forgotten, save } = await setup();
    const first = await save('contoso.onmicrosoft.com');
    const second = await save('contoso.onmicrosoft.com');
    await api['profiles.remove']({ id: first.id });
    expect(forgotten).toEqual([]);
    await api['profiles.remove']({ id: second.id });
    expect(forgotten).toEqual(['contoso.onmicrosoft.com']);
  });

  it('a profile moved to another sign-in frees the one it left', async () => {
    const { forgotten, save } = await setup();
    const saved = await save('contoso.onmicrosoft.com');
    await save('fabrikam.onmicrosoft.com', saved.id);
    expect(forgotten).toEqual(['contoso.onmicrosoft.com']);
  });
});
