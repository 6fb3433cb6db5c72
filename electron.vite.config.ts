/**
 * electron-vite build of the three parts: main (Node, ESM, dependencies external; the embedded service's worker
 * entry beside it), preload (one CommonJS bundle,
 * as a sandboxed preload must be), renderer (Vue). The CSP meta tag is written into index.html here.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_DEV, CONTENT_SECURITY_POLICY_META } from './src-main/window/csp';

const root = dirname(fileURLToPath(import.meta.url));

/** Injects the CSP meta tag: the strict policy in builds, the HMR-friendly one on the dev server. */
function cspMetaTag(): Plugin {
  let serving = false;
  return {
    name: 'mfa-console:csp-meta',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    transformIndexHtml(html) {
      const policy = serving ? CONTENT_SECURITY_POLICY_DEV : CONTENT_SECURITY_POLICY_META;
      return html.replace('<!-- csp -->', `<meta http-equiv="Content-Security-Policy" content="${policy}" />`);
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        // The embedded MFA service runs in a worker thread: its entry is a file of its own beside index.js.
        input: { index: resolve(root, 'src-main/index.ts'), 'embedded-worker': resolve(root, 'src-main/service/worker/embedded-worker.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'src-main/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [vue(), cspMetaTag()],
    build: {
      outDir: 'out/renderer',
      emptyOutDir: true,
      rollupOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
});
