import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dispatcher } from '../../src-main/ipc/dispatch';
import { startWebServer, type WebServer } from '../../src-main/web/web-server';

describe('browser mode server', () => {
  let dir: string;
  let server: WebServer;
  let clock = Date.UTC(2026, 5, 1, 9);
  const dispatch = vi.fn<Dispatcher>(async () => ({ ok: true, value: 'ran' }));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-web-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>shell</title>');
    server = await startWebServer({ rendererDir: dir, dispatch, now: () => clock });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function session(): Promise<string> {
    const response = await fetch(server.newConsoleLine().replace('Console: ', ''), { redirect: 'manual' });
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    return cookie.split(';')[0] ?? '';
  }

  it('listens on 127.0.0.1 only and prints the Console line', () => {
    expect(server.consoleLine).toMatch(/^Console: http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
  });

  it('runs no handler without the session cookie (401)', async () => {
    dispatch.mockClear();
    const response = await fetch(`${server.url}/rpc/app:status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a foreign Origin even with a valid session (403)', async () => {
    const cookie = await session();
    dispatch.mockClear();
    const response = await fetch(`${server.url}/rpc/app:status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: 'https://attacker.example' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('dispatches for a holder of the session from our origin', async () => {
    const cookie = await session();
    const response = await fetch(`${server.url}/rpc/app:status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: server.url },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, value: 'ran' });
    expect(dispatch).toHaveBeenCalledWith('app:status', {});
  });

  it('does not serve the page without the session, and refuses a wrong token', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/?token=wrong`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('lets each start link open the console once; the cookie it gave keeps working', async () => {
    const link = server.newConsoleLine().replace('Console: ', '');
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie')?.split(';')[0] ?? '';
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
    const page = await again.text();
    expect(page).toContain('This link no longer works');
    expect(page).toContain('press Enter in the terminal where <code>npm run web</code> runs');
    expect((await fetch(link, { redirect: 'manual', headers: { cookie } })).status).toBe(303);
    expect((await fetch(`${server.url}/`, { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a start link after 10 minutes', async () => {
    const link = server.newConsoleLine().replace('Console: ', '');
    clock += 10 * 60_000;
    const late = await fetch(link, { redirect: 'manual' });
    expect(late.status).toBe(401);
    expect(await late.text()).toContain('within 10 minutes');
    const fresh = await fetch(server.newConsoleLine().replace('Console: ', ''), { redirect: 'manual' });
    expect(fresh.status).toBe(303);
  });

  it('answers a request with a foreign Host header (DNS rebinding) with 421', async () => {
    const cookie = await session();
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/`, { headers: { host: 'evil.example', cookie } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('sends the CSP header with pages', async () => {
    const cookie = await session();
    const response = await fetch(`${server.url}/`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
