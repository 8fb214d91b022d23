import { useApi } from '../../api-context';

/** Cancel for a running save, download or export: the engine stops the operation under this id. */
export function CancelTransferButton({ operationId }: { operationId: string }) {
  const api = useApi();
  return (
    <button
      type="button"
      className="button"
      onClick={() => void api.invoke('transfers.cancel', { operationId })}
    >
      Cancel
    </button>
  );
}
