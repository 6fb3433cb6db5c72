import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..', '..');
interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  files: string[];
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
}
interface PackageJson {
  productName: string;
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
}
const config = require('../../build/electron-builder.config.cjs') as BuilderConfig;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;

/** PNG width and height from the IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('electron-builder configuration', () => {
  it('names the product and packs the app into an asar', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+\.[a-z0-9.-]+$/);
    expect(config.productName).toBe(pkg.productName);
    expect(config.asar).toBe(true);
    expect(config.files).toContain('out/**/*');
  });

  it('builds AppImage and deb for Linux, NSIS for Windows, dmg for macOS', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('has the icons it points to, large enough for every platform', () => {
    expect(pngSize(path.join(root, config.mac.icon))).toEqual([512, 512]);
    expect(existsSync(path.join(root, config.win.icon))).toBe(true);
    expect(readFileSync(path.join(root, config.win.icon)).readUInt16LE(2)).toBe(1);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(path.join(root, config.linux.icon, `${size}x${size}.png`))).toEqual([size, size]);
    }
  });

  it('ships what main loads at run time as dependencies, and starts from the built main', () => {
    expect(pkg.main).toBe('out/main/index.js');
    for (const runtime of ['fastify', 'kysely', 'axios', 'zod', 'otplib', 'qrcode', 'luxon', 'libphonenumber-js', 'pg']) {
      expect(pkg.dependencies).toHaveProperty(runtime);
    }
    expect(pkg.optionalDependencies).toHaveProperty('keytar');
    expect(pkg.devDependencies).toHaveProperty('electron');
    // Node 24 for the npm scripts is a development tool: the app runs on Electron's own Node.
    expect(pkg.devDependencies).toHaveProperty('node');
    expect(pkg.dependencies).not.toHaveProperty('node');
  });
});
