/**
 * The dashboard's enrollment over time (issue 12 item 6) at bench size: a directory of N users, 80 % of them
 * enrolled over the last 120 days (one `mfa.enrolled` audit entry each) and 2 % of those reset since, read by the
 * service's `enrollmentHistory` straight on its store, beside the enrollment report the same dashboard loads.
 */
import path from 'node:path';
import { loadCompanyContext } from '../../src-main/service/admin/company-context';
import { enrollmentHistory } from '../../src-main/service/admin/enrollment-history-service';
import { enrollmentReport } from '../../src-main/service/admin/report-service';
import { systemClock } from '../../src-main/service/clock';
import { seedDemoCompany } from '../../src-main/service/seed/seed-demo';
import { openStore } from '../../src-main/service/store/store';
import { benchRow } from './bench-directory';
import { median, report, timeRuns } from './bench-stats';

const DAY = 86_400_000;
const BATCH = 500;

/** Seeds the history's data into a fresh SQLite file under `dir`, then times the series against the report. */
export async function historyFigures(dir: string, users: number, runs: number, print: (line: string) => void): Promise<void> {
  const store = await openStore({ file: path.join(dir, 'history.sqlite') });
  try {
    const now = Date.now();
    const companyId = await seedDemoCompany(store, now);
    const enrolled = Math.floor(users * 0.8);
    let entries = 0;
    for (let start = 0; start < users; start += BATCH) {
      const ids = Array.from({ length: Math.min(BATCH, users - start) }, (_, k) => start + k);
      await store.write(async (trx) => {
        await trx.insertInto('users').values(ids.map((i) => benchRow(i, companyId, now - 200 * DAY, 1_000_000 + i))).execute();
        const enrolledIds = ids.filter((i) => i < enrolled);
        if (enrolledIds.length === 0) return;
        const at = (i: number) => now - Math.floor(((i * 7919) % 120) * DAY + ((i * 104_729) % DAY));
        await trx
          .insertInto('mfa_methods')
          .values(enrolledIds.map((i) => ({ id: `m-${i}`, user_id: `bench-${i}`, kind: 'totp' as const, secret_sealed: 'x', phone_e164: null, last_step: null, confirmed_at: at(i), created_at: at(i) })))
          .execute();
        const audit = enrolledIds.map((i) => ({
          company_id: companyId,
          at: at(i),
          company_at: null,
          actor_id: `bench-${i}`,
          actor_email: null,
          action: 'mfa.enrolled',
          target_id: `bench-${i}`,
          target_email: null,
          before: null,
          after: '{"methods":["totp"]}',
          evidence: null,
          prev_hash: '',
          hash: '',
        }));
        const resets = enrolledIds.filter((i) => i % 50 === 0).map((i) => ({ ...audit[0]!, at: at(i) + DAY, action: 'mfa.reset', before: '{"methods":["totp"]}', target_id: `bench-${i}` }));
        entries += audit.length + resets.length;
        await trx.insertInto('audit_log').values([...audit, ...resets]).execute();
      });
    }
    const ctx = await loadCompanyContext(store.db, systemClock, companyId);
    const historyTimes = await timeRuns(runs, () => enrollmentHistory(store.db, ctx, 'Europe/Paris', 90));
    const reportTimes = await timeRuns(runs, () => enrollmentReport(store.db, ctx, { blockedLimit: 200, lockoutLimit: 20 }));
    print(
      report(`Enrollment over time, 90 days, ${users} users and ${entries} audit entries (service, SQLite)`, median(historyTimes), 'ms', {
        baseline: ['the enrollment report the dashboard also loads', median(reportTimes)],
        goal: 500,
      }),
    );
  } finally {
    await store.close();
  }
}
