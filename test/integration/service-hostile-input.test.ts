/**
 * Hostile input answers the same 4xx on both engines, in the service's own error shape: NUL characters in any text
 * (the unauthenticated sign-in email, JSON fields, query and path parameters, CSV cells) and addresses the router
 * cannot read (a broken %-escape, an over-long path parameter), which must not be echoed back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { testEngines } from '../fixtures/engines';
import { DEMO_PASSWORD } from '../../src-main/service/seed/demo-company';
import { OPERATORS, demoEmail, startAdminHarness } from './admin-support';

describe.each(testEngines('hostile'))('hostile input on $name', (engine) => {
  afterAll(() => engine.dispose());

  it('refuses a NUL character anywhere with 400, never 500', async () => {
    const h = await startAdminHarness({ store: await engine.open() });
    try {
      const admin = await h.tokenFor(OPERATORS.admin);
      const signIn = await h.call('POST', '/api/v1/auth/sign-in', { body: { email: `${demoEmail('jordan.patel')}\u0000`, password: DEMO_PASSWORD } });
      expect(signIn).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: expect.stringMatching(/email: contains a NUL character/) } } });
      const id = await h.idOf(demoEmail('jordan.patel'));
      const rename = await h.call('PATCH', `/api/v1/admin/users/${id}`, { token: admin, body: { name: 'Jordan\u0000Patel' } });
      expect(rename).toMatchObject({ status: 400, body: { error: { details: { fields: { name: expect.stringMatching(/NUL/) } } } } });
      const query = await h.call('GET', '/api/v1/admin/audit?actor=a%00b', { token: admin });
      expect(query.status).toBe(400);
      const path = await h.call('GET', '/api/v1/admin/users/abc%00def', { token: admin });
      expect(path.status).toBe(400);

      const csv = ['email,name,country,time_zone', 'nul.cell@northwind.example,Nul\u0000Cell,US,America/Chicago', 'good.row@northwind.example,Good Row,US,America/Chicago'].join('\n');
      const imported = await h.importCsv(admin, csv);
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({ created: 1, failed: 1, errors: [{ line: 2, message: expect.stringMatching(/NUL character/) }] });
      expect((await h.importCsv(admin, 'email,na\u0000me,country,time_zone\n')).status).toBe(422);
    } finally {
      await h.close();
    }
  });

  it('answers router errors in the service shape without echoing the address', async () => {
    const h = await startAdminHarness({ store: await engine.open() });
    try {
      const broken = await h.app.inject({ method: 'GET', url: '/api/v1/admin/users/%E0%A4%A' });
      expect(broken.statusCode).toBe(400);
      expect(broken.json()).toEqual({ error: { code: 'bad_request', message: expect.stringMatching(/%-escape/), requestId: broken.headers['x-request-id'] } });
      expect(broken.body).not.toContain('%E0');
      const long = `/api/v1/admin/users/${'x'.repeat(150)}`;
      const tooLong = await h.app.inject({ method: 'GET', url: long });
      expect(tooLong.statusCode).toBe(414);
      expect(tooLong.json()).toEqual({ error: { code: 'uri_too_long', message: expect.any(String), requestId: tooLong.headers['x-request-id'] } });
      expect(tooLong.body).not.toContain('xxxxxxxx');
    } finally {
      await h.close();
    }
  });
});
