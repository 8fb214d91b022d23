import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import { tempDir } from '../core/helpers';
import { expectNoSecretsIn, secretScenario } from './scenario';

describe('secrets never reach the profile directory', () => {
  it('after adding, editing, duplicating and removing profiles with a memory SecretStore', async () => {
    const dir = await tempDir();
    const secrets = new MemorySecretStore();
    const used = await secretScenario(dir, secrets);
    expect(used.length).toBeGreaterThan(4);
    expect(await expectNoSecretsIn(dir, used)).toBeGreaterThan(0);
    expect(secrets.size).toBe(0);
  });

  it('the scanner does find a secret that was written (guards against a scan that sees nothing)', async () => {
    const dir = await tempDir();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${dir}/leak.txt`, 'prefix Qx8~leaked-secret suffix');
    await expect(expectNoSecretsIn(dir, ['Qx8~leaked-secret'])).rejects.toThrow(/a secret appears in/);
  });
});
