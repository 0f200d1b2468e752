// Lint: typescript-eslint's type-aware strict set, plus the import rules that keep the pipeline's
// direction (config -> planner -> applier, each reading the model) true as the code grows.
// ARCHITECTURE.md explains the layers; this file is where they are enforced.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Every top-level part of `src/`, so a rule can say "everything but ...". */
const PARTS = [
  'applier',
  'cli',
  'config',
  'http',
  'model',
  'plan-file',
  'planner',
  'providers',
  'redact',
  'render',
  'sandbox',
  'tools',
];
const LEAVES = ['errors.ts', 'logger.ts'];

/**
 * One zone per layer: `layer` may import only `allowed` (paths under `src/`, a folder or a file).
 * Written as allow-lists so that a new folder is forbidden until someone decides where it sits.
 */
function onlyImports(layer, allowed, why) {
  const forbidden = [...PARTS, ...LEAVES].filter(
    (part) => part !== layer && !allowed.some((ok) => ok === part || ok.startsWith(`${part}/`)),
  );
  const zones = forbidden.map((part) => ({ target: `./src/${layer}`, from: `./src/${part}`, message: why }));
  // An allowed file inside an otherwise forbidden folder (e.g. `model/desired-state.ts` for the sandbox).
  for (const ok of allowed.filter((path) => path.includes('/'))) {
    const folder = ok.split('/')[0];
    zones.push({
      target: `./src/${layer}`,
      from: `./src/${folder}`,
      except: [`./${ok.slice(folder.length + 1)}`],
      message: why,
    });
  }
  return zones;
}

export const boundaries = [
  ...onlyImports('model', [], 'model/ is the shared vocabulary: it imports nothing of ours.'),
  ...onlyImports('redact', [], 'redact/ is a leaf: it imports nothing of ours.'),
  ...onlyImports('planner', ['model', 'errors.ts'], 'planner/ is pure: it reads the model only.'),
  ...onlyImports(
    'config',
    ['model', 'errors.ts'],
    'config/ turns a file into the model; it knows nothing of providers or output.',
  ),
  ...onlyImports(
    'plan-file',
    ['model', 'errors.ts', 'redact'],
    'plan-file/ stores the model; rendering is not its business.',
  ),
  ...onlyImports(
    'render',
    ['model', 'planner', 'plan-file'],
    'render/ turns values into text; it never reaches into cli/ or the network.',
  ),
  ...onlyImports(
    'applier',
    ['model', 'errors.ts', 'providers/provider.ts'],
    'applier/ drives providers through their interface only.',
  ),
  ...onlyImports('http', ['model', 'errors.ts', 'logger.ts', 'redact'], 'http/ knows requests, not providers.'),
  ...onlyImports(
    'providers',
    ['model', 'errors.ts', 'logger.ts', 'http', 'redact'],
    'providers/ talk to the APIs; they know nothing of planning or output.',
  ),
  ...onlyImports(
    'sandbox',
    ['model/desired-state.ts'],
    'sandbox/ fakes the vendors: it shares nothing with the product but the provider names.',
  ),
  {
    target: './src/providers/turso',
    from: './src/providers/planetscale',
    message: 'Providers never import each other: share through providers/ or the model.',
  },
  {
    target: './src/providers/planetscale',
    from: './src/providers/turso',
    message: 'Providers never import each other: share through providers/ or the model.',
  },
  {
    target: './src/providers/*/*-apply.ts',
    from: './src/providers/*/*-observe.ts',
    message: 'Apply and observe share through the API module or a module of their own, not through each other.',
  },
  {
    target: ['./src/errors.ts', './src/logger.ts'],
    from: './src',
    except: ['./model', './redact', './errors.ts', './logger.ts'],
    message: 'errors.ts and logger.ts are leaves: they import the model and the redactor only.',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'bundle/', 'coverage/', 'node_modules/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: boundaries }],
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
      // Prettier wraps code at 120 columns but never comments; strings and URLs may run long.
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
      ],
      // Numbers and other primitives in template literals read naturally; objects still do not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `(x) => resolve(x)` is the idiom for callbacks; a void value in any other position is still an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests index fixtures they just built; a wrong index fails the test anyway.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Tests match terminal escapes and control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Build scripts run on Node as plain ES modules.
    files: ['scripts/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
