import type { ApiClient } from '../../../shared/ipc';
import { useApi } from '../api-context';

/**
 * A hook that gives one `T` per API client: the app's one client shares one (a page cache, the
 * event stream), and a component rendered against a fake API in a test gets one of its own.
 */
export function perClient<T>(make: (api: ApiClient) => T): () => T {
  const made = new WeakMap<ApiClient, T>();
  return function usePerClient(): T {
    const api = useApi();
    let value = made.get(api);
    if (value === undefined) {
      value = make(api);
      made.set(api, value);
    }
    return value;
  };
}
