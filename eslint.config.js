// Lint enforces the layers of DESIGN.md (house style 1 and 2), not just style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'events', 'buffer', 'zlib', 'worker_threads'];

/** Patterns for no-restricted-imports: each group is one layer rule with the reason a developer sees. */
const layer = {
  electron: { group: ['electron', 'electron/*'], message: 'Only src-main (outside service/) may import electron.' },
  node: { group: nodeBuiltins, message: 'shared/ and the renderer are pure: no Node built-ins.' },
  main: { group: ['**/src-main/**', '../src-main/*', '../../src-main/*'], message: 'The renderer and shared/ never import src-main.' },
  renderer: { group: ['**/src-renderer/**'], message: 'src-main and shared/ never import the renderer.' },
  testTree: { group: ['**/test/**'], message: 'Product code never imports from test/.' },
};

const ipcBan = {
  selector: "ImportSpecifier[imported.name=/^(ipcMain|ipcRenderer)$/]",
  message: 'Raw ipcMain/ipcRenderer only inside the typed wrappers (src-main/ipc/electron-ipc.ts, src-main/preload/).',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'build/**/*.cjs', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer.electron, layer.node, layer.main, layer.renderer, layer.testTree] }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer.electron, layer.node, layer.main, layer.testTree] }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer.renderer, layer.testTree] }],
      'no-restricted-syntax': ['error', ipcBan],
    },
  },
  {
    files: ['src-main/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer.electron, layer.renderer, layer.testTree] }],
    },
  },
  {
    files: ['src-main/ipc/electron-ipc.ts', 'src-main/preload/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
