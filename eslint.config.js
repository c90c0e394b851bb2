// @ts-check
// `npm run check` runs ESLint with these rules; the layer rules (boundaries) are the
// architecture of docs/architecture.md, enforced rather than hoped for.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The parts of the codebase, by folder (see docs/architecture.md). */
const ELEMENTS = [
  { type: 'model', pattern: 'model/**', partialMatch: false },
  { type: 'content', pattern: 'content/**', partialMatch: false },
  { type: 'site', pattern: 'src/**', partialMatch: false },
  { type: 'api', pattern: 'functions/**', partialMatch: false },
  { type: 'db', pattern: 'db/**', partialMatch: false },
  { type: 'importer', pattern: 'scripts/import/**', partialMatch: false },
  { type: 'ops', pattern: 'scripts/**', partialMatch: false },
  { type: 'tests', pattern: ['test/**', 'e2e/**'], partialMatch: false },
];

/** Which parts each part may import. Anything not listed is refused. */
const ALLOWED = {
  model: ['model'],
  content: ['content', 'model'],
  site: ['site', 'model', 'content'],
  api: ['api', 'db', 'model'],
  db: ['db', 'model', 'content'],
  importer: ['importer', 'model'],
  ops: ['ops', 'api', 'db', 'model', 'content', 'importer', 'site'],
  tests: ['tests', 'ops', 'api', 'db', 'model', 'content', 'importer', 'site'],
};

export default tseslint.config(
  { ignores: ['.*', 'dist/', '.astro/', '.data/', '.cache/', '.wrangler/', 'node_modules/', 'content/ngos/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Control characters in regexes are how we refuse them in user input.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests reach into every part on purpose and cast freely to poke at wrong shapes.
    files: ['test/**', 'e2e/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS,
      'boundaries/include': ['**/*.{ts,tsx,mjs,js,astro}'],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: Object.entries(ALLOWED).map(([from, to]) => ({
            from: { element: { type: from } },
            allow: { to: { element: { types: { anyOf: to } } } },
          })),
        },
      ],
    },
  },
  { files: ['**/*.test.ts'], rules: { 'boundaries/dependencies': 'off' } },
);
