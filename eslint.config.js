// Lint, and the import law from ../shared/DESIGN.md: a wrong arrow fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const noElectron = { name: 'electron', message: "Only electron/app/ may import 'electron'." };

export default tseslint.config(
  { ignores: ['dist/', '.vite/', 'node_modules/', 'test-results/', 'playwright-report/', '.electron-native/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/browser/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a sandboxed page: no Node built-ins.' }))],
          patterns: [
            { group: ['**/electron/**', '**/electron'], message: 'The renderer talks to the main process only through its api client.' },
          ],
        },
      ],
    },
  },
  {
    // The phone page (issue 14) is small and stands alone: none of the facilitator's app, and no
    // module whose values would bundle zod (types from them are fine).
    files: ['renderer/participant/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'zod', message: 'The phone page does not validate with zod: it would double its size.' },
            { name: 'konva', message: 'The phone page draws no canvas.' },
            { name: 'react-konva', message: 'The phone page draws no canvas.' },
            { name: 'zustand', message: 'The phone page keeps its state in usePhone.ts.' },
          ],
          patterns: [
            {
              regex: '^\\.\\./(?!styles/base\\.css$|\\.\\./shared/)',
              message:
                'The phone page imports none of the facilitator app (its api client, board, panels): ' +
                'only its own files, shared/ and ../styles/base.css.',
            },
            {
              group: [
                '**/shared/room/contract',
                '**/shared/api',
                '**/shared/records/**',
                '**/shared/workshop/agenda',
                '**/shared/prioritiseMethods',
              ],
              allowTypeImports: true,
              message:
                'A value from this module bundles zod into the phone page: import its types only, ' +
                'or the value from a module without zod.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure: no Node built-ins.' }))],
          patterns: [
            { group: ['**/electron/**', '**/renderer/**', '**/electron', '**/renderer'], message: 'shared/ imports nothing from electron/ or renderer/.' },
            { group: ['react', 'react-dom', 'react-konva', 'konva', 'better-sqlite3'], message: 'shared/ is pure logic: no UI or database.' },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures must destructure their (empty) dependencies: `async ({}, use) => …`.
    files: ['test/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['electron/app/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/store/**/*.ts', 'electron/services/**/*.ts', 'electron/server/**/*.ts', 'electron/room/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['**/renderer/**'], message: 'The main process does not import the renderer.' },
            { group: ['**/electron/app/**', '../app/**', '../app'], message: 'store, services, server and room run under plain Node: not app/.' },
          ],
        },
      ],
    },
  },
);
