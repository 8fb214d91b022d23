import { defineConfig } from 'vitest/config';

/**
 * Two projects: everything runs in plain Node, except the renderer's component tests (the
 * `.test.tsx` files under test/unit/renderer), which get a DOM from jsdom. A renderer test of pure
 * logic stays a `.test.ts` file and runs in Node, which proves it needs no DOM.
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['test/unit/renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/unit/renderer/dom-setup.ts'],
        },
      },
    ],
  },
});
