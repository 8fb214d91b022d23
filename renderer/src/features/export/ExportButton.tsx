import { useState } from 'react';
import { useApi } from '../../api-context';
import { ExportIcon } from '../../components/icons';
import { ExportDialog, type ExportScope } from './ExportDialog';

/** "Export…" in the message list's header: the open message, the folder or the search results. */
export function ExportButton({ scope }: { scope: ExportScope }) {
  const api = useApi();
  const [open, setOpen] = useState<{ nativeDialogs: boolean } | null>(null);
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label="Export messages…"
        title="Export messages…"
        data-testid="export-button"
        onClick={() =>
          void api
            .invoke('app.getInfo', {})
            .then((info) => setOpen({ nativeDialogs: info.ok && info.value.nativeDialogs }))
        }
      >
        <ExportIcon />
      </button>
      {open ? (
        <ExportDialog scope={scope} nativeDialogs={open.nativeDialogs} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}
