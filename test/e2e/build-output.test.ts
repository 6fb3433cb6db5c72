/**
 * What `npm run build` writes: the three bundles (main with the embedded service's worker entry beside it), a
 * CommonJS preload that needs only electron, the CSP meta tag.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmbeddedService } from '../../src-main/console/embedded-service';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';

const out = path.resolve(import.meta.dirname, '..', '..', 'out');

describe('build output', () => {
  it('writes out/main, out/preload and out/renderer/index.html', () => {
    expect(existsSync(path.join(out, 'main', 'index.js'))).toBe(true);
    expect(existsSync(path.join(out, 'preload', 'index.cjs'))).toBe(true);
    expect(existsSync(path.join(out, 'renderer', 'index.html'))).toBe(true);
  });

  it('builds the embedded service as its own worker entry, and keeps SQL out of the main thread’s bundle', () => {
    const worker = readFileSync(path.join(out, 'main', 'embedded-worker.js'), 'utf8');
    expect(worker).toMatch(/new DatabaseSync\(/);
    expect(worker).toMatch(/from "kysely"/);
    const main = readFileSync(path.join(out, 'main', 'index.js'), 'utf8');
    expect(main).toContain('"embedded-worker.js"');
    const chunks = [...main.matchAll(/from "(\.\/chunks\/[^"]+)"/g)].map((m) => readFileSync(path.join(out, 'main', m[1] ?? ''), 'utf8'));
    for (const code of [main, ...chunks]) {
      expect(code).not.toMatch(/from "kysely"|from "pg"|new DatabaseSync\(|PRAGMA /);
    }
  });

  it('bundles the sandboxed preload as one CommonJS file that requires nothing but electron', () => {
    const preload = readFileSync(path.join(out, 'preload', 'index.cjs'), 'utf8');
    // Bundled libraries keep their doc comments (`* const ct = require("countries-and-timezones")`): only code counts.
    const code = preload.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const required = [...code.matchAll(/require\((["'])([^"']+)\1\)/g)].map((m) => m[2]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/\bsend\s*:/);
  });

  it('writes the strict CSP into index.html and loads only local scripts', () => {
    const html = readFileSync(path.join(out, 'renderer', 'index.html'), 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self';/);
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect(src).toMatch(/^\.\/assets\//);
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
  });

  it('runs the built worker entry in Node: the service starts, answers and closes', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mfa-built-worker-'));
    try {
      const service = await startEmbeddedService({ dataDir, vault: new MemoryVault(), workerEntry: path.join(out, 'main', 'embedded-worker.js') });
      const health = await service.http.get('/api/v1/health');
      expect(health.status).toBe(200);
      expect(await service.signInAs('avery.admin@northwind.example')).toMatch(/\S{20,}/);
      await service.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
