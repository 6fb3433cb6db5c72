/**
 * Helpers of the Admin API tests: the test service (demo company seeded), operator sessions minted like the
 * embedded console does, and raw CSV posts.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- replies are read as loose JSON; each test asserts their shape */
import { createTrustedSession } from '../../src-main/service/auth/trusted-session';
import { DEMO_DOMAIN } from '../../src-main/service/seed/demo-company';
import type { ServiceKeys } from '../../src-main/service/auth/service-keys';
import { startHarness, type Harness, type Reply } from '../fixtures/service-harness';

/** A demo user's email. */
export const demoEmail = (local: string): string => `${local}@${DEMO_DOMAIN}`;

/** Emails of demo operators by role. */
export const OPERATORS = {
  admin: demoEmail('avery.admin'),
  otherAdmin: demoEmail('morgan.lee'),
  reader: demoEmail('riley.reader'),
} as const;

/** The test service plus operator helpers. */
export interface AdminHarness extends Harness {
  /** A session token for this user (an operator session without sign-in). */
  tokenFor(email: string): Promise<string>;
  /** Posts a CSV body to the import route. */
  importCsv(token: string, csv: string, contentType?: string, query?: string): Promise<Reply>;
  /** The id of a user by email. */
  idOf(email: string): Promise<string>;
  /** Gives a demo user permissions directly in the store (to set up a role the demo lacks). */
  grant(email: string, companyAdmin: string, directory: string): Promise<void>;
}

/** Starts the test service for admin tests, on an in-memory SQLite store unless another store (or keys) is given. */
export async function startAdminHarness(options: Parameters<typeof startHarness>[0] & { keys?: ServiceKeys } = {}): Promise<AdminHarness> {
  const { keys, ...rest } = options;
  const h = await startHarness(keys ? { ...rest, mfa: { ...rest.mfa, keys } } : rest);
  return {
    ...h,
    async tokenFor(email) {
      const token = await createTrustedSession(h.store, email, h.clock.now());
      if (!token) throw new Error(`no active user ${email}`);
      return token;
    },
    async importCsv(token, csv, contentType = 'text/csv', query = '') {
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/v1/admin/users/import${query ? `?${query}` : ''}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        payload: csv,
      });
      return { status: response.statusCode, body: response.json() as any };
    },
    async idOf(email) {
      const row = await h.store.db.selectFrom('users').select('id').where('email_lower', '=', email.toLowerCase()).executeTakeFirstOrThrow();
      return row.id;
    },
    async grant(email, companyAdmin, directory) {
      await h.store.write((trx) =>
        trx
          .updateTable('users')
          .set({ perm_company_admin: companyAdmin as 'none', perm_directory: directory as 'none' })
          .where('email_lower', '=', email.toLowerCase())
          .execute(),
      );
    },
  };
}

const BULK_ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Kiritimati'];
const BULK_COUNTRIES = ['US', 'US', 'GB', 'DE', 'IN', 'NP', 'AU', 'KI'];

/** A CSV file of `count` synthetic users (header row included), spread over eight time zones. */
export function bulkDirectoryCsv(count: number, nameWord = 'Person'): string {
  const lines = ['email,name,country,time_zone,account_type,status'];
  for (let i = 0; i < count; i += 1) {
    const k = i % BULK_ZONES.length;
    lines.push(`user${i}@bulk.example,Bulk ${nameWord} ${i},${BULK_COUNTRIES[k]},${BULK_ZONES[k]},standard,active`);
  }
  return `${lines.join('\n')}\n`;
}
