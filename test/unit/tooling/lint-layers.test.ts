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
