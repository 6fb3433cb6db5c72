import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from './csp';
import { ELECTRON_FUSES } from './fuses';
import { SECURE_WEB_PREFERENCES, isAllowedExternalUrl } from './web-preferences';

const require = createRequire(import.meta.url);

/** Parses a CSP into directive → sources. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name ?? '', values];
    }),
  );
}

describe('window security settings', () => {
  it('isolates and sandboxes the renderer, with no Node and web security on', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('allows no inline or eval script, no plugins and no framing in the CSP', () => {
    const csp = parse(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('writes the same policy into the meta tag, minus what meta tags ignore', () => {
    const meta = parse(CONTENT_SECURITY_POLICY_META);
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(meta.get('script-src')).toEqual(["'self'"]);
  });

  it('packages with the same fuses as the exported constant', () => {
    const builder = require('../../build/electron-builder.config.cjs') as { electronFuses: Record<string, boolean> };
    expect(builder.electronFuses).toEqual(ELECTRON_FUSES);
    expect(ELECTRON_FUSES.runAsNode).toBe(false);
    expect(ELECTRON_FUSES.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(ELECTRON_FUSES.onlyLoadAppFromAsar).toBe(true);
  });

  it('opens only allowlisted https links in the OS browser', () => {
    expect(isAllowedExternalUrl('https://pages.nist.gov/800-63-4/')).toBe(true);
    expect(isAllowedExternalUrl('http://pages.nist.gov/')).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });
});
