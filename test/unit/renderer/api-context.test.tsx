import { render, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { api } from '../../../renderer/src/api';
import { ApiProvider, useApi } from '../../../renderer/src/api-context';
import type { ApiClient } from '../../../shared/ipc';
import { fakeApi } from './fake-api';

function WhichApi({ real }: { real: ApiClient }) {
  return <span data-testid="which">{useApi() === real ? 'real' : 'other'}</span>;
}

function RemoveProfile() {
  const client = useApi();
  const [answer, setAnswer] = useState('…');
  useEffect(() => {
    void client
      .invoke('profiles.remove', { id: 'p1' })
      .then((result) => setAnswer(result.ok && result.value.removed ? 'removed' : 'kept'));
  }, [client]);
  return <span data-testid="answer">{answer}</span>;
}

describe('ApiProvider and useApi', () => {
  it('give the real client where no provider is mounted', () => {
    render(<WhichApi real={api} />);
    expect(screen.getByTestId('which').textContent).toBe('real');
  });

  it('give a component the provided client', async () => {
    const fake = fakeApi({ 'profiles.remove': () => ({ ok: true, value: { removed: true } }) });
    render(
      <ApiProvider api={fake}>
        <RemoveProfile />
      </ApiProvider>,
    );
    expect((await screen.findByText('removed')).getAttribute('data-testid')).toBe('answer');
    expect(fake.calls).toEqual([{ method: 'profiles.remove', request: { id: 'p1' } }]);
  });

  it('the real client answers with a Result, not a throw, where no engine is reachable', async () => {
    const result = await api.invoke('app.getInfo', {});
    expect(result.ok).toBe(false);
  });
});
