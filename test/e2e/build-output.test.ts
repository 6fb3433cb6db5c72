/** What `npm run build` writes: the three bundles, a CommonJS preload that needs only electron, the CSP meta tag. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const out = path.resolve(import.meta.dirname, '..', '..', 'out');

describe('build output', () => {
  it('writes out/main, out/preload and out/renderer/index.html', () => {
    expect(existsSync(path.join(out, 'main', 'index.js'))).toBe(true);
    expect(existsSync(path.join(out, 'preload', 'index.cjs'))).toBe(true);
    expect(existsSync(path.join(out, 'renderer', 'index.html'))).toBe(true);
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
});
