// Lint rules for the whole repository (issue #13), run by `npm run lint`. Not type-aware on purpose:
// the type-checked presets took over 60 s on two cores, and `npm run typecheck` already runs tsc.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const browser = { document: 'readonly', window: 'readonly', fetch: 'readonly', console: 'readonly' };

export default tseslint.config(
  { ignores: ['node_modules/', 'designer/dist/', 'data/', '.dosar-test/', 'screenshots/', 'outbox/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a binding left unused on purpose (rest-omit, Express's 4-argument error handler).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Refusing NUL and other control characters is the point of several checks (storable text, file names).
      'no-control-regex': 'off',
      // `let x; onSignal(() => x?.()); …; x = …` — a handler registered before the value it calls exists.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['test/**'],
    rules: {
      // chai's property assertions (`expect(x).to.be.true`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Tests drive untyped things (bpmn-js in a page, raw JSON answers, stubs).
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // bpmn-js and its properties panel ship no types; the designer's shims describe them loosely.
    files: ['designer/src/modules/properties/types.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  // Scripts the pages load in the browser as they are.
  { files: ['forms/static/**/*.js', 'server/pages/static/**/*.js'], languageOptions: { sourceType: 'script', globals: browser } },
);
