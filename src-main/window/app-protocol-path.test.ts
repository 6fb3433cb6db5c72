import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppRequest, resolveUnder } from './app-protocol-path';

const root = path.resolve('/srv/renderer');

describe('resolveAppRequest', () => {
  it('serves index.html for the root and files under the renderer folder', () => {
    expect(resolveAppRequest('app://console/', root)).toEqual({ kind: 'file', file: path.join(root, 'index.html'), mime: 'text/html; charset=utf-8' });
    expect(resolveAppRequest('app://console/assets/index-abc.js', root)).toMatchObject({ kind: 'file', file: path.join(root, 'assets/index-abc.js') });
  });

  it('never resolves outside the renderer folder (URL parsing folds dot segments back under root)', () => {
    const target = resolveAppRequest('app://console/%2e%2e/%2e%2e/etc/passwd', root);
    expect(target.kind === 'refuse' || target.file.startsWith(root + path.sep)).toBe(true);
  });

  it.each([
    'app://console/assets/%2E%2E%2F%2E%2E%2Fsecret',
    'app://console/..%5c..%5cwindows',
    'app://console/a%00b',
  ])('refuses traversal in %s', (url) => {
    expect(resolveAppRequest(url, root)).toMatchObject({ kind: 'refuse', status: 403 });
  });

  it('refuses raw dot-dot segments in a path', () => {
    expect(resolveUnder('/../../etc/passwd', root)).toMatchObject({ kind: 'refuse', status: 403 });
    expect(resolveUnder('/assets/..%2f..%2f..%2fetc/passwd', root)).toMatchObject({ kind: 'refuse', status: 403 });
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppRequest('app://other/index.html', root)).toMatchObject({ kind: 'refuse', status: 403 });
    expect(resolveAppRequest('file:///srv/renderer/index.html', root)).toMatchObject({ kind: 'refuse' });
  });
});
