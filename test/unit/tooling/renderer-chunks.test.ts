import { describe, expect, it } from 'vitest';
import { build, type Rolldown } from 'vite';
import config from '../../../electron.vite.config';

/**
 * The renderer's first chunk stays under Vite's 500 kB warning: the parts most sessions never open
 * load on demand (React.lazy, components/Lazy.tsx). Built here, in memory, from the real config
 * with Vite's default browser target: a little larger than electron-vite's Chromium build, so the
 * check errs on the safe side.
 */

type Output = Rolldown.OutputChunk | Rolldown.OutputAsset;

async function buildRenderer(): Promise<Rolldown.OutputChunk[]> {
  const renderer = (config as { renderer: Record<string, unknown> & { build: Record<string, unknown> } })
    .renderer;
  const result = await build({
    ...renderer,
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    // Vitest sets NODE_ENV=test, which would pull in React's development build.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: { ...renderer.build, write: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as { output: Output[] }[];
  return outputs.flatMap((o) => o.output).filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
}

/** Every module the entry loads before the first paint: the entry and its static imports. */
function staticClosure(chunks: Rolldown.OutputChunk[], entry: Rolldown.OutputChunk): Set<string> {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<string>();
  const visit = (chunk: Rolldown.OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const file of chunk.imports) {
      const next = byFile.get(file);
      if (next) visit(next);
    }
  };
  visit(entry);
  return new Set([...seen].flatMap((file) => Object.keys(byFile.get(file)?.modules ?? {})));
}

describe('renderer bundle', async () => {
  const chunks = await buildRenderer();
  const entry = chunks.find((chunk) => chunk.isEntry);

  it('keeps the entry chunk under 500 kB', () => {
    expect(entry).toBeDefined();
    expect(Buffer.byteLength(entry!.code)).toBeLessThan(500_000);
  });

  it('loads the wizard, the inspection panels, the source view and the settings on demand', () => {
    const loadedAtStart = staticClosure(chunks, entry!);
    const lazy = [
      'features/profiles/ProfileWizard.tsx',
      'features/profiles/CertificateInput.tsx',
      'features/profiles/ProfilePage.tsx',
      'features/profiles/SetupGuide.tsx',
      'features/reader/InspectionPanel.tsx',
      'features/reader/HeadersTable.tsx',
      'features/reader/RouteTable.tsx',
      'features/reader/AuthenticationPanel.tsx',
      'features/reader/MimeTree.tsx',
      'features/reader/RawSource.tsx',
      'features/reader/LinksPanel.tsx',
      'features/reader/Reader.tsx',
      'app/SettingsDialog.tsx',
      'app/ShortcutsDialog.tsx',
    ];
    for (const file of lazy) {
      const module = chunks.flatMap((chunk) => Object.keys(chunk.modules)).find((id) => id.endsWith(file));
      expect(module, `${file} is in the bundle`).toBeDefined();
      expect(loadedAtStart.has(module!), `${file} loads on demand`).toBe(false);
    }
    // What every screen needs stays in the first load.
    expect([...loadedAtStart].some((id) => id.endsWith('app/App.tsx'))).toBe(true);
    expect([...loadedAtStart].some((id) => id.endsWith('features/messages/MessageList.tsx'))).toBe(true);
  });
});
