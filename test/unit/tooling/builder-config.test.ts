import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeTooOld, PACKAGING_NODE } from '../../../scripts/packaging-node.mjs';

/** electron-builder.yml must load, pass electron-builder's own schema, and point at what the build makes. */

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (dir: string, path: string | null, options: null) => Promise<Record<string, unknown>>;
  validateConfiguration: (config: Record<string, unknown>, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const { PlatformPackager } = require('app-builder-lib') as {
  PlatformPackager: {
    prototype: { generateFuseConfig: (fuses: unknown) => Promise<Record<string, unknown>> };
  };
};

describe('electron-builder.yml', async () => {
  const config = await getConfig(process.cwd(), null, null);

  it('passes electron-builder schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The validator itself must bite, or the line above proves nothing.
    await expect(
      validateConfiguration({ ...config, mac: { hardenedRuntime: 'yes' } }, new DebugLogger(false)),
    ).rejects.toThrow();
  });

  it('packs Windows NSIS + portable and macOS dmg for x64 and arm64, hardened', () => {
    expect(config).toMatchObject({ appId: expect.any(String), productName: 'Mailscope' });
    const win = config['win'] as { target: { target: string; arch: string[] }[] };
    expect(win.target.map((t) => t.target).sort()).toEqual(['nsis', 'portable']);
    for (const t of win.target) expect(t.arch.sort()).toEqual(['arm64', 'x64']);
    const mac = config['mac'] as {
      target: { target: string; arch: string[] }[];
      hardenedRuntime: boolean;
      entitlements: string;
    };
    expect(mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(mac.hardenedRuntime).toBe(true);
    expect(existsSync(mac.entitlements)).toBe(true);
    const assoc = (config['fileAssociations'] as { ext: string }[]).map((a) => a.ext).sort();
    expect(assoc).toEqual(['eml', 'mbox', 'msg']);
  });

  it('ships every file the build makes and the sample mailbox', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      main: string;
      devDependencies: Record<string, string>;
    };
    expect(pkg.devDependencies['electron']).toBeDefined();
    const entries = [pkg.main, 'out/preload/index.cjs', 'out/renderer/index.html'];
    for (const entry of entries) {
      expect(existsSync(entry), `${entry} (run "npm run build" first)`).toBe(true);
      expect(entry.startsWith('out/')).toBe(true);
    }
    // electron-builder normalises `files` into filter sets.
    const files = (config['files'] as { filter: string[] }[]).flatMap((set) => set.filter);
    expect(files).toContain('out/**');
    const resources = config['extraResources'] as { from: string; to: string }[];
    expect(resources).toContainEqual({ from: 'resources/sample-mailbox', to: 'sample-mailbox' });
    expect(existsSync('resources/sample-mailbox')).toBe(true);
  });

  it('flips the fuses that stop other local processes running code as Mailscope', async () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    // What electron-builder hands @electron/fuses, keyed by the position of each fuse in Electron's fuse
    // wire (electron/docs/tutorial/fuses.md): proves each key above is one it knows, not silently ignored.
    const wire = await PlatformPackager.prototype.generateFuseConfig.call(null, config['electronFuses']);
    expect(wire).toMatchObject({
      0: false, // RunAsNode
      1: true, // EnableCookieEncryption
      2: false, // EnableNodeOptionsEnvironmentVariable
      3: false, // EnableNodeCliInspectArguments
      4: true, // EnableEmbeddedAsarIntegrityValidation
      5: true, // OnlyLoadAppFromAsar
    });
    // The app must not need what the fuses take away: nothing forks with ELECTRON_RUN_AS_NODE.
    expect(config['asar']).toBe(true);
  });
});

// Packaging on the hosted CI (.github/workflows/desktop.yml): native modules and notarisation.
describe('electron-builder.yml: keytar rebuilt for Electron, notarised when credentials exist', async () => {
  const config = await getConfig(process.cwd(), null, null);

  it('rebuilds native modules (keytar) from source for Electron with @electron/rebuild', () => {
    expect(config['npmRebuild']).toBe(true);
    expect(config['buildDependenciesFromSource']).toBe(true);
    expect(config['nativeRebuilder']).toBe('sequential');
    // keytar ships in the app (a runtime dependency) and is native: the rebuild above is its.
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['keytar']).toBeDefined();
    expect(existsSync('node_modules/keytar/binding.gyp')).toBe(true);
  });

  it('asks for the Node that @electron/rebuild needs, and dist.mjs checks it first', () => {
    // The @electron/rebuild that electron-builder itself loads (its package.json is not exported).
    const main = createRequire(require.resolve('app-builder-lib/package.json')).resolve('@electron/rebuild');
    const rebuild = JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    expect(rebuild.engines.node).toBe(`>=${PACKAGING_NODE}`);
    expect(nodeTooOld('20.19.0')).toMatch(/^packaging needs Node 22\.12\.0 or newer/);
    expect(nodeTooOld('22.11.0')).not.toBeNull();
    expect(nodeTooOld('v22.12.0')).toBeNull();
    expect(nodeTooOld('24.1.0')).toBeNull();
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>;
      engines: { node: string };
    };
    expect(pkg.scripts['dist']).toBe('node scripts/dist.mjs');
    // Development and tests stay on Node 20.
    expect(pkg.engines.node).toBe('>=20.19');
  });

  it('notarises the macOS app (electron-builder reads APPLE_ID and the rest from the environment)', () => {
    expect((config['mac'] as { notarize?: unknown }).notarize).toBe(true);
  });
});
