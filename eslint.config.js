import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layers, enforced here the way VS Code enforces its folders (DESIGN.md §1):
 * electron/core never imports electron; renderer imports only shared and itself;
 * shared imports nothing but zod; only electron/main and electron/preload import electron.
 *
 * Tiers inside a layer (docs/architecture.md): core/common imports no other core folder; the leaf
 * capabilities import only core/common; the preload imports only electron and the channel list;
 * electron/main never imports the renderer or the harness, nor the harness main. In the renderer,
 * features/ never import app/ (the shell), and lib/ imports neither.
 */
const electronBan = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron.',
};

const coreBans = [
  {
    group: ['**/electron/main/**', '**/main/*', '**/preload/**'],
    message: 'core, the harness and the CLI must not depend on the Electron wiring.',
  },
  { group: ['**/renderer/**'], message: 'The main side never imports renderer code.' },
];

/** The core's rule, plus the tier's own patterns (a later config replaces a rule's options whole). */
function coreImports(...patterns) {
  return ['error', { paths: [electronBan], patterns: [...coreBans, ...patterns] }];
}

/** The API client is made once, by the app's entry; everything else asks `useApi()` for it. */
const clientBan = {
  regex: '(^|/)api$',
  importNames: ['createApiClient'],
  message:
    'Only main.tsx creates the API client: components and hooks take it from useApi() (api-context.tsx).',
};

const rendererBans = [
  clientBan,
  {
    regex: '^(?!\\.|zod$|react|react-dom|dompurify$|@csstools/css-tokenizer$|@tanstack/).*',
    message: 'The renderer imports only shared/, its own files, and browser libraries.',
  },
  {
    group: ['**/electron/**', 'node:*'],
    message: 'The renderer is untrusted: it imports only shared/ and its own files.',
  },
];

function rendererImports(...patterns) {
  return ['error', { paths: [electronBan], patterns: [...rendererBans, ...patterns] }];
}

/**
 * Capabilities that import no other capability today (checked when this rule was written: mime,
 * secrets and events import only core/common and shared/). imap, pop3, local, save, profiles, auth
 * and diagnostics build on them and stay free to.
 */
const LEAF_CAPABILITIES = ['mime', 'secrets', 'events'];

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
    rules: { 'no-restricted-imports': coreImports() },
  },
  {
    files: ['electron/core/common/**'],
    rules: {
      'no-restricted-imports': coreImports({
        regex: '^\\.\\./(?!\\.\\./\\.\\./shared/)',
        message: 'core/common imports no other core folder: only its own files, shared/ and libraries.',
      }),
    },
  },
  {
    files: LEAF_CAPABILITIES.map((name) => `electron/core/${name}/**`),
    rules: {
      'no-restricted-imports': coreImports({
        regex: '^\\.\\./(?!common/|\\.\\./\\.\\./shared/)',
        message: `${LEAF_CAPABILITIES.join(', ')} import no other capability: only core/common, shared/ and their own files.`,
      }),
    },
  },
  {
    files: ['electron/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**'], message: 'electron/main never imports renderer code.' },
            {
              group: ['**/harness/**'],
              message: 'electron/main never imports the harness: both are hosts of the same core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\.\\./\\.\\./shared/channels$).*',
              message: 'The preload imports only electron and the channel list (shared/channels.ts).',
            },
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
      'no-restricted-imports': rendererImports(),
    },
  },
  {
    files: ['renderer/src/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronBan], patterns: rendererBans.filter((ban) => ban !== clientBan) },
      ],
    },
  },
  {
    files: ['renderer/src/features/**'],
    rules: {
      'no-restricted-imports': rendererImports({
        regex: '^(\\.\\./)+app(/|$)',
        message:
          'features never import app/ (the shell): what they share with it lives in lib/ or components/.',
      }),
    },
  },
  {
    files: ['renderer/src/lib/**'],
    rules: {
      'no-restricted-imports': rendererImports({
        regex: '^(\\.\\./)+(app|features)(/|$)',
        message: 'lib/ is below features/ and app/: it imports neither.',
      }),
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
