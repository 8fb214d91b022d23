import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layers, enforced here the way VS Code enforces its folders (DESIGN.md §1):
 * electron/core never imports electron; renderer imports only shared and itself;
 * shared imports nothing but zod; only electron/main and electron/preload import electron.
 */
const electronBan = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'resources/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/core/**', 'electron/harness/**', 'electron/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            {
              group: ['**/electron/main/**', '**/main/*', '**/preload/**'],
              message: 'core must not depend on the Electron wiring.',
            },
            { group: ['**/renderer/**'], message: 'The main side never imports renderer code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            {
              regex: '^(?!\\.|zod$|react|react-dom|dompurify$|@csstools/css-tokenizer$|@tanstack/).*',
              message: 'The renderer imports only shared/, its own files, and browser libraries.',
            },
            {
              group: ['**/electron/**', 'node:*'],
              message: 'The renderer is untrusted: it imports only shared/ and its own files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!\\./|zod$).*', message: 'shared/ imports nothing but zod and its own files.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**'],
    rules: {
      // Tests assert presence right before using a value; `!` there is the assertion.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Playwright fixtures must destructure their dependencies, even when there are none.
    files: ['test/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  prettier,
);
