import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatch } from '../../electron/core/dispatch';
import { createEngine } from '../../electron/core/engine';
import { MemorySecretStore } from '../../electron/core/secrets/secret-store';
import type { EnvelopePage, SourceSummary } from '../../shared/model';

/** The engine's profiles folder (left empty by a benchmark), removed however the child exits. */
function profilesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailscope-bench-profiles-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The app's engine behind its dispatcher (every request and response checked against the IPC
 * contract, as from the renderer), with the one message of `file` open: `call(method)` runs a
 * method on that message and answers its value, throwing on an error.
 */
export async function openedMessage(file: string): Promise<(method: 'messages.get' | 'messages.analyze') => Promise<unknown>> {
  const { api } = createEngine({
    host: { kind: 'harness', version: 'bench', openExternal: async () => undefined },
    samplePath: join(process.cwd(), 'resources', 'sample-mailbox'),
    profilesDir: profilesDir(),
    secrets: new MemorySecretStore(),
  });
  const dispatch = createDispatch(api, {
    onInternalError: (method, error) => {
      throw new Error(`${method}: ${String(error)}`);
    },
  });
  const opened = await dispatch('sources.openPath', { path: file });
  if (!opened.ok) throw new Error(opened.error.message);
  const source = opened.value as SourceSummary;
  const folderId = source.folders[0]?.id ?? '';
  const listed = await dispatch('messages.list', { sourceId: source.id, folderId, offset: 0, limit: 1 });
  if (!listed.ok) throw new Error(listed.error.message);
  const messageId = (listed.value as EnvelopePage).items[0]?.id ?? '';
  return async (method) => {
    const answer = await dispatch(method, { sourceId: source.id, folderId, messageId });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  };
}
