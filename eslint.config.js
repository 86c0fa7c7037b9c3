// ESLint for the whole workspace (`npm run lint`, also a step of `npm test`).
// Formatting is Prettier's job (.prettierrc.json); these rules are about what the code does.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'coverage/**', '.tmp/**', '**/*.d.mts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Several patterns match control characters on purpose: names, ICS text and SMS bodies are
      // cleaned of them before they are stored or sent.
      'no-control-regex': 'off',
      // An `_` prefix marks an argument or binding kept on purpose (a handler's signature, a
      // destructured field left out of a copy).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  // TypeScript files are linted with the type checker, for the rules that need it: a promise that
  // nobody awaits or catches is a lost error (or an unhandled rejection that stops the server).
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  // The elements run in the browser, as custom elements written with Lit.
  {
    files: ['packages/elements/src/**/*.ts'],
    ...lit.configs['flat/recommended'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['packages/elements/src/**/*.ts'],
    rules: {
      // A Lit controller (a context consumer, say) does its work by registering with its host when
      // it is made; the private field that holds it is never read, and need not be.
      'no-unused-private-class-members': 'off',
    },
  },
  {
    files: ['packages/elements/src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['examples/**/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Statements live in the repositories (server/src/store/repositories/, CONTRIBUTING.md "A query"):
  // a service says what it wants, and the rules of prepared statements, the read cache and group
  // commit stay behind those functions. Tests may query the database directly to check it.
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/store/**', '**/*.test.ts', '**/testing*.ts', 'server/src/browser-test-server.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/]',
          message: 'Queries live in server/src/store/repositories/ (CONTRIBUTING.md, "A query").',
        },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'SQL lives in server/src/store/repositories/ (CONTRIBUTING.md, "A query").' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', importNames: ['sql'], message: 'SQL lives in server/src/store/repositories/.' }],
          patterns: [
            {
              group: ['**/store/prepared.js', '**/store/read-cache.js', '**/store/group-commit.js', '**/store/key-lock.js'],
              message: 'A repository (server/src/store/repositories/) uses these; a service calls the repository.',
            },
          ],
        },
      ],
    },
  },
  // Tests read JSON answers as `any` on purpose: the assertion that follows is what checks the shape.
  {
    files: ['**/*.test.ts', '**/testing*.ts', '**/test-support.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // A migration describes the schema as it was at its own step, not as the current types say it
  // is, so it takes an untyped `Kysely<any>` (as Kysely's migration guide does).
  {
    files: ['server/src/store/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
