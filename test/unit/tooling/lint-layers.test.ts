import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The import layers of DESIGN.md §1 are enforced by lint; these fixtures prove the rules bite. */

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import layers', () => {
  it('core may not import electron', async () => {
    const messages = await restrictedImports(
      'electron/core/local/fixture.ts',
      "import { app } from 'electron';\nexport const name = app.name;\n",
    );
    expect(messages.join('\n')).toMatch(/Only electron\/main and electron\/preload may import electron/);
  });

  it('core may not import the Electron wiring or the renderer', async () => {
    expect(await restrictedImports('electron/core/fixture.ts', "import '../main/app';\n")).toHaveLength(1);
    expect(
      await restrictedImports('electron/core/fixture.ts', "import '../../renderer/src/api';\n"),
    ).toHaveLength(1);
  });

  it('the renderer may not import core, Node or electron', async () => {
    for (const source of ['../../electron/core/service', 'node:fs', 'fs', 'electron', 'mailparser']) {
      const messages = await restrictedImports('renderer/src/fixture.ts', `import '${source}';\n`);
      expect(messages.length, source).toBeGreaterThan(0);
    }
  });

  it('shared imports nothing but zod and itself', async () => {
    expect(await restrictedImports('shared/fixture.ts', "import 'node:path';\n")).toHaveLength(1);
    expect(await restrictedImports('shared/fixture.ts', "import 'react';\n")).toHaveLength(1);
  });

  it('allows what the layers permit', async () => {
    expect(
      await restrictedImports(
        'electron/core/fixture.ts',
        "import '../../shared/errors';\nimport 'mailparser';\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'renderer/src/fixture.ts',
        "import '../../shared/errors';\nimport 'react';\nimport 'dompurify';\n",
      ),
    ).toEqual([]);
    expect(await restrictedImports('shared/fixture.ts', "import 'zod';\nimport './errors';\n")).toEqual([]);
    expect(await restrictedImports('electron/main/fixture.ts', "import 'electron';\n")).toEqual([]);
  });
});

describe('tiers inside the core', () => {
  it('core/common imports no other core folder', async () => {
    for (const source of ['../local/local-source', '../engine', '../mime/parse-message']) {
      const messages = await restrictedImports('electron/core/common/fixture.ts', `import '${source}';\n`);
      expect(messages, source).toEqual([expect.stringMatching(/core\/common imports no other core folder/)]);
    }
    // The layer's rules still hold in the tier.
    expect(await restrictedImports('electron/core/common/fixture.ts', "import 'electron';\n")).toHaveLength(
      1,
    );
    expect(
      await restrictedImports(
        'electron/core/common/fixture.ts',
        "import './app-error';\nimport '../../../shared/errors';\nimport 'node:fs';\n",
      ),
    ).toEqual([]);
  });

  it('the leaf capabilities (mime, secrets, events) import only core/common', async () => {
    for (const leaf of ['mime', 'secrets', 'events']) {
      for (const source of ['../imap/session', '../auth/redact', '../engine']) {
        const messages = await restrictedImports(`electron/core/${leaf}/fixture.ts`, `import '${source}';\n`);
        expect(messages, `${leaf} -> ${source}`).toEqual([
          expect.stringMatching(/import no other capability/),
        ]);
      }
      expect(
        await restrictedImports(
          `electron/core/${leaf}/fixture.ts`,
          "import '../common/app-error';\nimport '../../../shared/model';\nimport './own';\nimport 'mailparser';\n",
        ),
        leaf,
      ).toEqual([]);
    }
  });

  it('the other capabilities may still build on each other', async () => {
    expect(
      await restrictedImports(
        'electron/core/imap/fixture.ts',
        "import '../mime/parse-message';\nimport '../auth/network';\nimport '../common/source';\n",
      ),
    ).toEqual([]);
  });
});

describe('Electron wiring and the harness', () => {
  it('the preload imports only electron and the channel list', async () => {
    for (const source of ['../../shared/ipc', '../core/dispatch', 'node:fs', 'zod', './helper']) {
      const messages = await restrictedImports('electron/preload/fixture.ts', `import '${source}';\n`);
      expect(messages, source).toEqual([
        expect.stringMatching(/preload imports only electron and the channel list/),
      ]);
    }
    expect(
      await restrictedImports(
        'electron/preload/fixture.ts',
        "import 'electron';\nimport '../../shared/channels';\n",
      ),
    ).toEqual([]);
  });

  it('electron/main never imports the renderer or the harness', async () => {
    expect(await restrictedImports('electron/main/fixture.ts', "import '../../renderer/src/api';\n")).toEqual(
      [expect.stringMatching(/never imports renderer code/)],
    );
    expect(await restrictedImports('electron/main/fixture.ts', "import '../harness/server';\n")).toEqual([
      expect.stringMatching(/never imports the harness/),
    ]);
    expect(
      await restrictedImports(
        'electron/main/fixture.ts',
        "import 'electron';\nimport '../core/engine';\nimport '../../shared/ipc';\nimport './window';\n",
      ),
    ).toEqual([]);
  });

  it('the harness never imports electron/main', async () => {
    expect(await restrictedImports('electron/harness/fixture.ts', "import '../main/app';\n")).toHaveLength(1);
    expect(
      await restrictedImports(
        'electron/harness/fixture.ts',
        "import '../core/engine';\nimport './server';\n",
      ),
    ).toEqual([]);
  });
});

describe('tiers inside the renderer', () => {
  it('features never import app/', async () => {
    const cases: [string, string][] = [
      ['renderer/src/features/reader/fixture.ts', '../../app/Shell'],
      ['renderer/src/features/messages/fixture.ts', '../../app'],
      ['renderer/src/features/profiles/wizard/fixture.ts', '../../../app/App'],
    ];
    for (const [file, source] of cases) {
      const messages = await restrictedImports(file, `import '${source}';\n`);
      expect(messages, `${file} -> ${source}`).toEqual([
        expect.stringMatching(/features never import app\//),
      ]);
    }
    // The renderer's layer rule still holds in the tier.
    expect(
      await restrictedImports('renderer/src/features/reader/fixture.ts', "import 'node:fs';\n"),
    ).not.toEqual([]);
    expect(
      await restrictedImports(
        'renderer/src/features/reader/fixture.ts',
        "import '../../lib/settings';\nimport '../../components/Modal';\nimport '../messages/row-layout';\nimport '../../../../shared/model';\n",
      ),
    ).toEqual([]);
  });

  it('lib/ imports neither app/ nor features/', async () => {
    for (const source of ['../app/Shell', '../features/reader/Reader']) {
      const messages = await restrictedImports('renderer/src/lib/fixture.ts', `import '${source}';\n`);
      expect(messages, source).toEqual([expect.stringMatching(/lib\/ is below features\/ and app\//)]);
    }
    expect(
      await restrictedImports(
        'renderer/src/lib/fixture.ts',
        "import './settings';\nimport '../../../shared/model';\n",
      ),
    ).toEqual([]);
  });

  it('only the entry (main.tsx) creates the API client; the rest use useApi()', async () => {
    const cases: [string, string][] = [
      ['renderer/src/app/fixture.tsx', '../api'],
      ['renderer/src/features/reader/fixture.tsx', '../../api'],
      ['renderer/src/lib/fixture.ts', '../api'],
      ['renderer/src/fixture.tsx', './api'],
    ];
    for (const [file, source] of cases) {
      const messages = await restrictedImports(file, `import { createApiClient } from '${source}';\n`);
      expect(messages, `${file} -> ${source}`).toEqual([expect.stringMatching(/Only main\.tsx creates/)]);
    }
    expect(
      await restrictedImports('renderer/src/main.tsx', "import { createApiClient } from './api';\n"),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'renderer/src/app/fixture.tsx',
        "import { pathOfDroppedFile } from '../api';\n",
      ),
    ).toEqual([]);
  });

  it('app/ may use features/ and lib/', async () => {
    expect(
      await restrictedImports(
        'renderer/src/app/fixture.ts',
        "import '../features/reader/Reader';\nimport '../lib/theme';\n",
      ),
    ).toEqual([]);
  });
});
