import type { Api } from '../../../shared/ipc';
import type { Transfers } from './transfers';

/** Stopping a save or a big-message download; how far each has come goes out as events. */
export function createTransferMethods(transfers: Transfers): Pick<Api, 'transfers.cancel'> {
  return {
    'transfers.cancel': async ({ operationId }) => ({ cancelled: transfers.cancel(operationId) }),
  };
}
