import { createContext, type ReactNode, useContext } from 'react';
import type { ApiClient } from '../../shared/ipc';
import { api } from './api';

/**
 * The API a component talks to, from React context instead of a module import, so a unit test can
 * render a component against a fake (`<ApiProvider api={fake}>`). Without a provider it is the real
 * client, so a component migrated to `useApi()` works wherever it is mounted.
 */
const ApiContext = createContext<ApiClient>(api);

export function ApiProvider({ api: client, children }: { api: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  return useContext(ApiContext);
}
