// Lint rules, including the process boundaries from STYLE.md, enforced by folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layersPlugin } from './scripts/eslint/layers-rule.mjs';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'url',
  'util',
  'stream',
];
const noElectron = {
  name: 'electron',
  message: 'Only electron/main (lifecycle files) and electron/preload may import electron.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'fixtures/**',
      'docs/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use string-literal unions, not enums.' },
      ],
    },
  },
  {
    // CommonJS helpers (loaded by both ESM scripts and transpiled specs) use require by design.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Law 1: shared/ is pure — no Electron, no Node, no DOM.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron, 'react'], patterns: NODE_BUILTINS }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    // Layers inside shared/ point one way (scripts/eslint/layers-rule.mjs); tests may reach anywhere.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/direction': 'error' },
  },
  {
    // Law 2: only the Electron lifecycle files may import electron; the probe, CLI, web bridge,
    // handlers and settings run in plain Node.
    files: ['electron/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.mjs'],
    ignores: [
      'electron/main/index.ts',
      'electron/main/window.ts',
      'electron/main/security.ts',
      'electron/main/app-menu.ts',
      'electron/main/dialogs.ts',
      'electron/main/report/print-to-pdf.ts',
      'electron/main/ipc/register-ipc.ts',
      'electron/preload/**',
      'e2e/electron/**',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    // Law 3: the renderer talks to main only through the AppApi.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: NODE_BUILTINS }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use string-literal unions, not enums.' },
        {
          // Mantine clamps an out-of-range number to min/max on blur, silently (-500 W became 1 W).
          selector:
            'JSXOpeningElement[name.name="NumberInput"]:not(:has(JSXAttribute[name.name="clampBehavior"]))',
          message:
            'Use RangedNumberInput, or clampBehavior="none" with rangeError: out of range is said on the field, never clamped.',
        },
      ],
    },
  },
);
