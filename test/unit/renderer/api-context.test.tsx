import { render, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../renderer/src/api';
import { ApiProvider, useApi } from '../../../renderer/src/api-context';
import { fakeApi } from './fake-api';

function Bare() {
  useApi();
  return null;
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
  it('refuse a component mounted without a provider, rather than create a second client', () => {
    // React reports the render error on the console as well; the throw is what matters here.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => render(<Bare />)).toThrow(/outside an <ApiProvider>/);
    } finally {
      quiet.mockRestore();
    }
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
    const result = await createApiClient().invoke('app.getInfo', {});
    expect(result.ok).toBe(false);
  });
});
