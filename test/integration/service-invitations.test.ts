/**
 * R-DIR-5 end to end through the HTTP contract, on both engines: invitations and password resets sent through a real
 * SMTP server in this process, links that work once, NIST password rules, MFA never bypassed, sessions ended, every
 * change audited, and mail failures that name the server and the reason but never the password.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- replies are read as loose JSON; each test asserts their shape */
import { randomBytes } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAccountLink } from '../../shared/api/routes/accounts';
import { totpCode } from '../../shared/domain/totp';
import { SmtpTransport } from '../../src-main/service/mail/smtp-transport';
import { parseSmtpUrl } from '../../src-main/service/mail/smtp-url';
import { openStore, type Store } from '../../src-main/service/store/store';
import { dropTestSchema } from '../fixtures/pg-schema';
import { DAY } from '../fixtures/service-harness';
import { startSmtpTestServer, type SmtpTestServer } from '../fixtures/smtp-test-server';
import { OPERATORS, demoEmail, startAdminHarness, type AdminHarness } from './admin-support';

const PG_URL = process.env.MFA_TEST_PG_URL;
const LOGIN = { user: 'mailer@acme-builders.test-mail.net', password: 'smtp-Secret-9f3k' };
const PUBLIC_URL = 'https://mfa.acme-builders.net';
const GOOD_PASSWORD = 'violet anchor tuesday lamp';

function linkIn(mail: ParsedMail): string {
  const link = (mail.text ?? '').split(/\s+/).find((word) => parseAccountLink(word) !== null);
  if (!link) throw new Error(`no link in: ${mail.text ?? ''}`);
  return link;
}
const tokenOf = (link: string): string => parseAccountLink(link)?.token ?? '';

function suite(engine: string, openTestStore: () => Promise<{ store: Store; drop: () => Promise<void> }>): void {
  describe(`invitations and passwords (${engine})`, () => {
    let h: AdminHarness;
    let smtp: SmtpTestServer;
    let admin: string;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      smtp = await startSmtpTestServer(LOGIN);
      const opened = await openTestStore();
      drop = opened.drop;
      const transport = new SmtpTransport(parseSmtpUrl(smtp.url).settings, LOGIN.password, { timeoutMs: 5_000 });
      h = await startAdminHarness({
        store: opened.store,
        mfa: { demoTools: false },
        mail: { transport, publicUrl: PUBLIC_URL, retryScheduleMs: [60_000, 120_000] },
        enrollments: true,
      });
      admin = await h.tokenFor(OPERATORS.admin);
    });
    afterAll(async () => {
      await h?.close();
      await smtp?.close();
      await drop?.();
    });

    async function addUser(email: string, name = 'Nia Okoye', timeZone = 'Europe/Paris'): Promise<string> {
      const created = await h.call('POST', '/api/v1/admin/users', { token: admin, body: { email, name, country: 'FR', timeZone } });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ passwordSetAt: null, invitedAt: null, invitationExpiresAt: null });
      return created.body.id;
    }

    it('invites by email: a one-time link valid 7 days, stored hashed, text and HTML in the recipient’s zone', async () => {
      const id = await addUser('nia.okoye@acme-builders.net');
      const sent = await h.call('POST', '/api/v1/admin/users/invite', { token: admin, body: { userIds: [id] } });
      expect(sent.status).toBe(200);
      const [outcome] = sent.body.results;
      expect(outcome).toMatchObject({ outcome: 'invited', expiresAt: h.clock.now() + 7 * DAY, delivery: { status: 'sent', transport: 'smtp', attempts: 1 } });

      const [mail] = await smtp.waitFor(1);
      expect(mail?.to).toMatchObject({ text: 'nia.okoye@acme-builders.net' });
      expect(mail?.from?.text).toBe(LOGIN.user);
      expect(mail?.subject).toBe('Your invitation to Northwind Builders');
      const link = linkIn(mail!);
      expect(link.startsWith(`${PUBLIC_URL}/account/invitation?token=`)).toBe(true);
      expect(tokenOf(link).length).toBeGreaterThanOrEqual(43);
      expect(mail?.html).toContain(link);
      expect(mail?.text).toContain('(Europe/Paris)');
      expect(mail?.text).toContain('Avery Admin invited you');

      const token = tokenOf(link);
      const stored = await h.store.db.selectFrom('account_tokens').selectAll().where('user_id', '=', id).execute();
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(token);
      const queued = await h.store.db.selectFrom('mail_messages').selectAll().where('user_id', '=', id).executeTakeFirstOrThrow();
      expect(queued.sealed_content).toBeNull();

      const row = (await h.call('GET', `/api/v1/admin/users/${id}`, { token: admin })).body;
      expect(row).toMatchObject({ invitedAt: h.clock.now(), invitationExpiresAt: h.clock.now() + 7 * DAY, passwordSetAt: null });
      const audit = await h.call('GET', `/api/v1/admin/audit?action=user.invite&target=${id}`, { token: admin });
      expect(audit.body.entries[0]).toMatchObject({ actorEmail: OPERATORS.admin, after: { expiresAt: h.clock.now() + 7 * DAY } });
    });

    it('sets the password once, with reasons for weak ones, then asks for MFA set-up as a first sign-in', async () => {
      const id = await addUser('mateo.rossi@acme-builders.net', 'Mateo Rossi', 'Europe/Rome');
      await h.call('POST', '/api/v1/admin/users/invite', { token: admin, body: { userIds: [id], validDays: 3 } });
      const token = tokenOf(linkIn((await smtp.waitFor(2))[1]!));

      const info = await h.call('POST', '/api/v1/account/link', { body: { token } });
      expect(info.body).toMatchObject({ purpose: 'invitation', state: 'valid', email: 'mateo.rossi@acme-builders.net', companyName: 'Northwind Builders', expiresAt: h.clock.now() + 3 * DAY });

      const refused = async (password: string) => (await h.call('POST', '/api/v1/account/invitation/accept', { body: { token, password } })).body.error;
      expect(await refused('short pass')).toMatchObject({ code: 'unprocessable', details: { reason: 'too_short' } });
      expect(await refused('1qaz2wsx3edc')).toMatchObject({ details: { reason: 'breached' } });
      expect(await refused('mateo.rossi rules 2026')).toMatchObject({ details: { reason: 'contains_email' } });
      expect(await refused('northwind builders 4ever')).toMatchObject({ details: { reason: 'contains_company' } });

      const accepted = await h.call('POST', '/api/v1/account/invitation/accept', { body: { token, password: GOOD_PASSWORD } });
      expect(accepted.status).toBe(200);
      expect(accepted.body.signIn.next.step).toBe('setup_optional');
      const activity = await h.call('GET', `/api/v1/admin/sign-in-activity?userId=${id}`, { token: admin });
      expect(activity.body.attempts).toEqual([
        expect.objectContaining({
          emailTyped: 'mateo.rossi@acme-builders.net', user: expect.objectContaining({ id }), outcome: 'setup_offered', method: 'password',
          detail: expect.stringMatching(/^Password set from the invitation link\. Early enrollment/),
        }),
      ]);
      expect(JSON.stringify(activity.body)).not.toContain(GOOD_PASSWORD);
      expect(JSON.stringify(activity.body)).not.toContain(token);
      const again = await h.call('POST', '/api/v1/account/invitation/accept', { body: { token, password: GOOD_PASSWORD } });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ details: { state: 'used', canRenew: false } });
      expect(again.body.error.message).toContain('already used');

      const setupToken = accepted.body.signIn.token;
      const setup = await h.call('POST', '/api/v1/auth/setup/totp', { token: setupToken, body: {} });
      await h.call('POST', '/api/v1/auth/setup/totp/confirm', { token: setupToken, body: { code: totpCode(setup.body.secret, h.clock.now()) } });
      expect((await h.call('POST', '/api/v1/auth/recovery-code/acknowledge', { token: setupToken, body: { saved: true } })).body).toEqual({ step: 'signed_in' });
      const signIn = await h.call('POST', '/api/v1/auth/sign-in', { body: { email: 'mateo.rossi@acme-builders.net', password: GOOD_PASSWORD } });
      expect(signIn.body.next.step).toBe('challenge');

      const row = (await h.call('GET', `/api/v1/admin/users/${id}`, { token: admin })).body;
      expect(row.passwordSetAt).toBe(h.clock.now());
      expect(row.invitationExpiresAt).toBeNull();
      const audit = await h.call('GET', `/api/v1/admin/audit?action=user.password_set&target=${id}`, { token: admin });
      expect(audit.body.entries[0]).toMatchObject({ evidence: { via: 'invitation' } });
    });

    it('says an expired link expired, sends a new one on request, and refuses revoked ones', async () => {
      const id = await addUser('lea.martin@acme-builders.net', 'Léa Martin');
      await h.call('POST', '/api/v1/admin/users/invite', { token: admin, body: { userIds: [id], validDays: 1 } });
      const old = tokenOf(linkIn((await smtp.waitFor(3))[2]!));
      h.clock.advance(DAY + 1);
      const expired = await h.call('POST', '/api/v1/account/invitation/accept', { body: { token: old, password: GOOD_PASSWORD } });
      expect(expired.status).toBe(409);
      expect(expired.body.error.details).toEqual({ state: 'expired', canRenew: true });
      expect(expired.body.error.message).toMatch(/^This invitation expired on .* \(Europe\/Paris\)\. Ask for a new one below/);

      const renewed = await h.call('POST', '/api/v1/account/link/renew', { body: { token: old } });
      expect(renewed.body.message).toContain('If this account still needs a link');
      const fresh = tokenOf(linkIn((await smtp.waitFor(4))[3]!));
      expect(fresh).not.toBe(old);

      expect((await h.call('POST', `/api/v1/admin/users/${id}/invitation/revoke`, { token: admin })).body).toEqual({ revoked: true });
      const revoked = await h.call('POST', '/api/v1/account/link', { body: { token: fresh } });
      expect(revoked.body).toMatchObject({ state: 'revoked', canRenew: false });
      expect((await h.call('GET', `/api/v1/admin/users/${id}`, { token: admin })).body).toMatchObject({ invitationExpiresAt: null });
      expect((await h.call('POST', '/api/v1/account/link', { body: { token: 'x'.repeat(43) } })).status).toBe(404);
    });

    it('never invites SSO users to set a password, nor inactive users or users who have one', async () => {
      const sso = await h.idOf('sam.rivera@sso.northwind.example');
      const withPassword = await h.idOf(demoEmail('jordan.patel'));
      const inactive = await h.idOf(demoEmail('taylor.brooks'));
      const answer = await h.call('POST', '/api/v1/admin/users/invite', { token: admin, body: { userIds: [sso, withPassword, inactive, 'nobody'] } });
      expect(answer.body.results.map((r: any) => [r.outcome, r.reason])).toEqual([
        ['sso_notified', null], ['skipped', 'has_password'], ['skipped', 'inactive'], ['skipped', 'not_found'],
      ]);
      expect(answer.body.results[0].delivery.status).toBe('failed');
      expect(answer.body.results[0].message).toContain('reserved example domain');
      const readers = await h.tokenFor(OPERATORS.reader);
      expect((await h.call('POST', '/api/v1/admin/users/invite', { token: readers, body: { userIds: [sso] } })).status).toBe(403);
    });

    it('adds and invites in one request: both audited, the answer shows the invitation; a taken email changes nothing', async () => {
      const before = smtp.received.length;
      const body = { email: 'ines.moreau@acme-builders.net', name: 'Ines Moreau', country: 'FR', timeZone: 'Europe/Paris', validDays: 3 };
      const answer = await h.call('POST', '/api/v1/admin/users/with-invitation', { token: admin, body });
      expect(answer.status).toBe(200);
      expect(answer.body.invitation).toMatchObject({ outcome: 'invited', expiresAt: h.clock.now() + 3 * DAY, delivery: { status: 'sent' } });
      expect(answer.body.user).toMatchObject({ email: body.email, invitedAt: h.clock.now(), invitationExpiresAt: h.clock.now() + 3 * DAY, passwordSetAt: null });
      expect((await smtp.waitFor(before + 1))[before]?.to).toMatchObject({ text: body.email });
      for (const action of ['user.create', 'user.invite']) {
        const audit = await h.call('GET', `/api/v1/admin/audit?action=${action}&target=${answer.body.user.id}`, { token: admin });
        expect(audit.body.entries).toHaveLength(1);
      }

      const again = await h.call('POST', '/api/v1/admin/users/with-invitation', { token: admin, body });
      expect(again.status).toBe(409);
      const readers = await h.tokenFor(OPERATORS.reader);
      const refused = await h.call('POST', '/api/v1/admin/users/with-invitation', { token: readers, body: { ...body, email: 'kai.berg@acme-builders.net' } });
      expect(refused.status).toBe(403);
      expect(smtp.received.length).toBe(before + 1);
    });

    it('adds and invites a Helpdesk person in the one request, with the permission in the user and its audit entry', async () => {
      const body = {
        email: 'nadia.haddad@acme-builders.net', name: 'Nadia Haddad', country: 'FR', timeZone: 'Europe/Paris', validDays: 2,
        permissions: { companyAdmin: 'none', directory: 'read_only', helpdesk: true },
      };
      const answer = await h.call('POST', '/api/v1/admin/users/with-invitation', { token: admin, body });
      expect(answer.status).toBe(200);
      expect(answer.body.user.permissions).toEqual({ companyAdmin: 'none', directory: 'read_only', helpdesk: true });
      expect(answer.body.invitation).toMatchObject({ outcome: 'invited' });
      const audit = await h.call('GET', `/api/v1/admin/audit?action=user.create&target=${answer.body.user.id}`, { token: admin });
      expect(JSON.stringify(audit.body.entries[0].after)).toContain('"helpdesk":true');
      const bad = await h.call('POST', '/api/v1/admin/users/with-invitation', {
        token: admin,
        body: { ...body, email: 'omar.haddad@acme-builders.net', permissions: { ...body.permissions, helpdesk: 'yes' } },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('helpdesk must be true or false.');
    });

    it('answers "forgot password" the same for anyone, and a reset never removes or skips MFA', async () => {
      const email = 'mateo.rossi@acme-builders.net';
      const before = smtp.received.length;
      const known = await h.call('POST', '/api/v1/account/password/forgot', { body: { email: email.toUpperCase() } });
      const unknown = await h.call('POST', '/api/v1/account/password/forgot', { body: { email: 'nobody.here@acme-builders.net' } });
      expect(known.status).toBe(200);
      expect(unknown.body.message.replace('nobody.here@acme-builders.net', 'X')).toBe(known.body.message.replace(email.toUpperCase(), 'X'));
      const reset = (await smtp.waitFor(before + 1))[before]!;
      expect(reset.subject).toBe('Reset your Northwind Builders password');
      expect(reset.text).toContain('(Europe/Rome)');
      const token = tokenOf(linkIn(reset));

      const other = await h.call('POST', '/api/v1/auth/sign-in', { body: { email, password: GOOD_PASSWORD } });
      const result = await h.call('POST', '/api/v1/account/password/reset', { body: { token, password: 'marble kettle orbit nine' } });
      expect(result.status).toBe(200);
      expect(result.body.signIn.next).toMatchObject({ step: 'challenge', options: ['totp', 'recovery_code'] });
      const attempts = (await h.call('GET', `/api/v1/admin/sign-in-activity?userId=${await h.idOf(email)}&limit=1`, { token: admin })).body.attempts;
      expect(attempts).toEqual([expect.objectContaining({ outcome: 'code_asked', method: 'password', detail: 'Password reset from the emailed link.' })]);
      expect((await h.call('GET', '/api/v1/auth/sign-in', { token: other.body.token })).status).toBe(401);
      const userId = await h.idOf(email);
      const methods = await h.store.db.selectFrom('mfa_methods').select('kind').where('user_id', '=', userId).execute();
      expect(methods.map((m) => m.kind)).toEqual(['totp']);
      expect((await h.call('POST', '/api/v1/auth/sign-in', { body: { email, password: GOOD_PASSWORD } })).status).toBe(401);
      const changed = (await smtp.waitFor(before + 2))[before + 1]!;
      expect(changed.subject).toBe('Your Northwind Builders password was changed');
      expect(changed.text).not.toMatch(/token=/);
      const audit = await h.call('GET', `/api/v1/admin/audit?action=user.password_set&target=${userId}`, { token: admin });
      // The user's earlier sign-ins (the set-up session, the challenge one above, and `other`) all ended.
      expect(audit.body.entries[0]).toMatchObject({ evidence: { via: 'password_reset', sessionsEnded: 3 } });
    });

    it('retries a send the server turned away for now, and shows refusals to admins without the password', async () => {
      smtp.refuse(451, 'Greylisted, try again later');
      const id = await addUser('ola.nordmann@acme-builders.net', 'Ola Nordmann', 'Europe/Oslo');
      const first = (await h.call('POST', '/api/v1/admin/users/invite', { token: admin, body: { userIds: [id] } })).body.results[0];
      expect(first.delivery).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: h.clock.now() + 60_000 });
      expect(first.delivery.error).toMatch(/^The mail server 127\.0\.0\.1:\d+ refused the message: 451/);
      const problems = await h.call('GET', '/api/v1/admin/mail?problems=true', { token: admin });
      expect(problems.body).toMatchObject({ pending: 1, transport: { kind: 'smtp' } });
      expect(problems.body.transport.description).toContain(`127.0.0.1:${smtp.port} as ${LOGIN.user}`);

      smtp.refuse(null);
      const before = smtp.received.length;
      h.clock.advance(60_000);
      expect(await h.app.mailQueue.runDue()).toBe(1);
      expect((await smtp.waitFor(before + 1))[before]?.to).toMatchObject({ text: 'ola.nordmann@acme-builders.net' });

      smtp.refuse(550, 'No such mailbox');
      const failed = (await h.call('POST', '/api/v1/admin/users/invite', { token: admin, body: { userIds: [id] } })).body.results[0];
      expect(failed.delivery).toMatchObject({ status: 'failed', nextAttemptAt: null });
      expect(failed.message).toMatch(/could not be sent: The mail server 127\.0\.0\.1:\d+ refused the message: 550/);
      smtp.refuse(null);
      const retried = await h.call('POST', `/api/v1/admin/mail/${failed.delivery.messageId}/retry`, { token: admin });
      expect(retried.body).toMatchObject({ status: 'sent' });
      const log = JSON.stringify((await h.call('GET', '/api/v1/admin/mail', { token: admin })).body);
      expect(log).not.toContain(LOGIN.password);
    });

    it('names a wrong SMTP login without ever showing the password', async () => {
      const wrong = new SmtpTransport(parseSmtpUrl(smtp.url).settings, 'not-the-password', { timeoutMs: 5_000 });
      const error = await wrong.send({ from: LOGIN.user, to: 'x@acme-builders.net', subject: 's', text: 't', html: '<p>t</p>' }).catch((e: Error) => e);
      wrong.close();
      expect((error as Error).message).toMatch(/^The mail server 127\.0\.0\.1:\d+ refused the user name or password/);
      expect((error as Error).message).not.toContain('not-the-password');
    });

    it('serves the pages the links open: a form, reasons for weak passwords, then done; used links say so', async () => {
      const id = await addUser('page.user@acme-builders.net', 'Page User');
      await h.call('POST', '/api/v1/admin/users/invite', { token: admin, body: { userIds: [id] } });
      const link = linkIn(smtp.received.at(-1)!);
      const path = link.slice(PUBLIC_URL.length);
      const form = await h.app.inject({ method: 'GET', url: path });
      expect(form.statusCode).toBe(200);
      expect(form.headers['content-security-policy']).toContain("default-src 'none'");
      expect(form.headers['referrer-policy']).toBe('no-referrer');
      expect(form.body).toContain('page.user@acme-builders.net');
      const post = (password: string, confirm = password) =>
        h.app.inject({ method: 'POST', url: '/account/invitation', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ token: tokenOf(link), password, confirm }).toString() });
      expect((await post('qwertyqwerty')).body).toContain('data breaches');
      expect((await post(GOOD_PASSWORD, 'something else')).body).toContain('not the same');
      const done = await post(GOOD_PASSWORD);
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('Your password is set');
      const used = await h.app.inject({ method: 'GET', url: path });
      expect(used.body).toContain('already used');
      expect(used.body).toContain('href="/account/forgot-password"');
      const forgot = await h.app.inject({
        method: 'POST', url: '/account/forgot-password', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=nobody%40nowhere.test',
      });
      expect(forgot.body).toContain('If nobody@nowhere.test belongs to an account');
      expect((await h.app.inject({ method: 'GET', url: '/account/invitation?token=nope' })).statusCode).toBe(404);
      const sessions = await h.store.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute();
      expect(sessions).toHaveLength(0);
    });
  });
}

suite('SQLite', async () => ({ store: await openStore({ memory: true }), drop: async () => undefined }));

const schema = `mfa_invite_${process.pid}_${randomBytes(4).toString('hex')}`;
if (PG_URL) {
  suite('PostgreSQL', async () => ({
    store: await openStore({ url: PG_URL, schema }),
    drop: () => dropTestSchema(PG_URL, schema),
  }));
} else {
  console.log('PostgreSQL invitation tests skipped: MFA_TEST_PG_URL is not set.');
}
