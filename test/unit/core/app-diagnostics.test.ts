import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppDiagnostics, DIAGNOSTICS_LOG_LINES } from '../../../electron/core/app-diagnostics';
import { createDispatch } from '../../../electron/core/dispatch';
import { createEngine } from '../../../electron/core/engine';
import type { Host } from '../../../electron/core/host';
import { createLogFile } from '../../../electron/core/log-file';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';

const host: Host = { kind: 'harness', version: '9.8.7', openExternal: async () => undefined };
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzaGFyZWQifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('app.diagnostics: the text "Copy diagnostics" copies', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mailscope-diag-text-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the version, host and platform, then the last log lines, redacted', async () => {
    const log = createLogFile({ folder: dir });
    for (let i = 0; i < DIAGNOSTICS_LOG_LINES + 5; i++) log.write(`entry ${i}`);
    log.write(`mailscope: internal error in messages.get: Bearer ${JWT} client_secret=hunter2-secret`);
    const { text } = await createAppDiagnostics({ host, log })['app.diagnostics']({});
    const lines = text.split('\n');
    expect(lines[0]).toBe('Mailscope 9.8.7 (harness)');
    expect(lines[1]).toContain(process.platform);
    expect(lines).toHaveLength(3 + DIAGNOSTICS_LOG_LINES);
    expect(text).not.toContain('entry 5 ');
    expect(text).toContain(`entry ${DIAGNOSTICS_LOG_LINES + 4}`);
    expect(text).toContain('internal error in messages.get');
    expect(text).not.toContain('eyJ');
    expect(text).not.toContain('hunter2-secret');
  });

  it('says the log is empty when there is none', async () => {
    const { text } = await createAppDiagnostics({ host })['app.diagnostics']({});
    expect(text).toContain('Log: empty');
  });

  it('is served through the engine and the contract, with the engine log', async () => {
    const log = createLogFile({ folder: join(dir, 'logs') });
    log.write('something went wrong once');
    const { api } = createEngine({
      host,
      samplePath: join(dir, 'none'),
      profilesDir: dir,
      secrets: new MemorySecretStore(),
      log,
    });
    const answer = await createDispatch(api)('app.diagnostics', {});
    expect(answer).toMatchObject({ ok: true });
    expect(answer.ok && (answer.value as { text: string }).text).toContain('something went wrong once');
  });
});
