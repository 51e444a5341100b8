import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer talks only to the api client; it never reaches Node or the core.
      'no-restricted-imports': ['error', { patterns: ['node:*', '**/electron/**', 'electron', 'better-sqlite3', 'pg'] }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'shared/**/*.ts'],
    // The core runs under plain Node (the ops command, the browser host, tests): never electron.
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['**/main/**', '**/preload/**'] }] },
  },
  {
    files: ['electron/preload/**/*.ts'],
    // The sandboxed preload can load only electron: it imports names, never schemas or libraries.
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\.\\./\\.\\./shared/(channels|bridge|contract)$).*',
              message: 'The sandboxed preload may import only electron and shared names.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
