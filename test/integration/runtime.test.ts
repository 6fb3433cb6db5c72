/**
 * The suite runs on the runtime that ships: npm scripts take Node from the `node` devDependency (npm puts
 * node_modules/.bin first on a script's PATH), whatever Node the machine has.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string }; devDependencies: Record<string, string> };

describe('the runtime of npm scripts', () => {
  it('is Node 24 or later, as package.json engines asks', () => {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const [wantMajor = 0, wantMinor = 0] = (/>=\s*(\d+)\.(\d+)/.exec(pkg.engines.node) ?? []).slice(1).map(Number);
    expect(wantMajor).toBeGreaterThanOrEqual(24);
    expect(major * 1000 + minor, `Node ${process.version} runs the tests`).toBeGreaterThanOrEqual(wantMajor * 1000 + wantMinor);
  });

  it('is the Node the `node` devDependency installed', () => {
    const installed = JSON.parse(readFileSync(path.join(root, 'node_modules', 'node', 'package.json'), 'utf8')) as { version: string };
    expect(pkg.devDependencies.node).toMatch(/^\^24\./);
    expect(process.versions.node).toBe(installed.version);
  });

  it('has SQLite built in (node:sqlite), which the embedded store needs', () => {
    const sqlite = process.getBuiltinModule('node:sqlite');
    const db = new sqlite.DatabaseSync(':memory:');
    expect(db.prepare('select sqlite_version() as v').get()).toMatchObject({ v: expect.stringMatching(/^3\./) });
    db.close();
  });
});
