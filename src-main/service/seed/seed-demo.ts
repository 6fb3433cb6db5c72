/** Writes the demo company into an empty store (first start of the console, or `npm run service -- --demo`). */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { hashPassword } from '../auth/password';
import { searchText } from '../../../shared/domain/search';
import { nextChangeSeq } from '../store/change-seq';
import type { Store } from '../store/store';
import {
  DEMO_ADMIN_ZONE,
  DEMO_COMPANY_ID,
  DEMO_COMPANY_NAME,
  DEMO_DEADLINE_DAYS,
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  DEMO_RESET_CHECKLIST,
  DEMO_SSO_DOMAIN,
  demoEmail,
} from './demo-company';

const DAY_MS = 24 * 60 * 60 * 1000;

/** True when the store holds no company yet. */
export async function isEmptyStore(store: Store): Promise<boolean> {
  const row = await store.db.selectFrom('companies').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** The deadline date: the seed date in the admin's zone plus the demo's lead time. */
export function demoDeadlineDate(now: number): string {
  return DateTime.fromMillis(now, { zone: DEMO_ADMIN_ZONE }).plus({ days: DEMO_DEADLINE_DAYS }).toISODate() ?? '';
}

/** Seeds the demo company at `now`; returns its id. */
export async function seedDemoCompany(store: Store, now: number): Promise<string> {
  const hashes = await Promise.all(DEMO_PEOPLE.map(() => hashPassword(DEMO_PASSWORD)));
  await store.write(async (trx) => {
    await trx
      .insertInto('companies')
      .values({ id: DEMO_COMPANY_ID, name: DEMO_COMPANY_NAME, sso_domains: JSON.stringify([DEMO_SSO_DOMAIN]), is_demo: 1, clock_offset_ms: 0, created_at: now })
      .execute();
    await trx
      .insertInto('policies')
      .values({
        company_id: DEMO_COMPANY_ID,
        required: 1,
        deadline_date: demoDeadlineDate(now),
        deadline_zone: DEMO_ADMIN_ZONE,
        allowed_methods: JSON.stringify(['totp', 'sms']),
        sms_code_ttl_minutes: 10,
        lockout_threshold: 5,
        lockout_minutes: 15,
        session_idle_minutes: null,
        session_lifetime_hours: 12,
        reset_checklist: JSON.stringify(DEMO_RESET_CHECKLIST),
        stale_after_days: 90,
        sign_in_retention_days: 90,
        version: 1,
        updated_at: now,
        updated_by: null,
      })
      .execute();
    for (const [index, person] of DEMO_PEOPLE.entries()) {
      const email = demoEmail(person);
      const seq = await nextChangeSeq(trx);
      await trx
        .insertInto('users')
        .values({
          id: randomUUID(),
          company_id: DEMO_COMPANY_ID,
          email,
          email_lower: email.toLowerCase(),
          name: person.name,
          search_text: searchText({ name: person.name, email }),
          status: person.status ?? 'active',
          country: person.country,
          time_zone: person.zone,
          account_type: person.type ?? 'standard',
          perm_company_admin: person.companyAdmin ?? 'none',
          perm_directory: person.directory ?? 'none',
          perm_helpdesk: person.helpdesk ? 1 : 0,
          password_hash: hashes[index] ?? null,
          password_set_at: hashes[index] ? now - 400 * DAY_MS : null,
          last_sign_in_at: person.lastSignInDaysAgo === null ? null : now - person.lastSignInDaysAgo * DAY_MS,
          always_require_mfa: 0,
          enrolled_at: null,
          failed_attempts: 0,
          locked_until: null,
          created_at: now - 400 * DAY_MS,
          updated_at: now,
          change_seq: seq,
        })
        .execute();
    }
  });
  return DEMO_COMPANY_ID;
}
