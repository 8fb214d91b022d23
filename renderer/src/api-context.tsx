import { createContext, type ReactNode, useContext } from 'react';
import type { ApiClient } from '../../shared/ipc';

/**
 * The API a component talks to, from React context instead of a module import, so a unit test can
 * render a component against a fake (`<ApiProvider api={fake}>`). Only the app's entry creates the
 * real client (`createApiClient()` in `main.tsx`); a component mounted without a provider is a bug,
 * said at once rather than hidden behind a second client.
 */
const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ api: client, children }: { api: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi() outside an <ApiProvider>: render the component inside one.');
  return client;
}
