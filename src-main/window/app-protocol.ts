/** Serves the renderer from `app://console/…` (privileged, standard, secure) instead of file://. */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME } from './app-protocol-constants';
import { resolveAppRequest } from './app-protocol-path';
import { CONTENT_SECURITY_POLICY } from './csp';

/** Must run before `app.whenReady()`. */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Installs the handler that maps app:// requests to files under `rendererDir`. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const target = resolveAppRequest(request.url, rendererDir);
    if (target.kind === 'refuse') return new Response('Not found', { status: target.status });
    try {
      const body = await readFile(target.file);
      return new Response(body, {
        status: 200,
        headers: { 'content-type': target.mime, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
