/** Writes the pre-enrolled demo users' methods, recovery codes and the one lockout, with their audit entries. */
import { randomUUID } from 'node:crypto';
import { RECOVERY_CODE_BYTES, newRecoveryCode } from '../../../shared/domain/recovery-code';
import { TOTP_SECRET_BYTES, newTotpSecret } from '../../../shared/domain/totp';
import { appendAudit } from '../audit/append-audit';
import { cryptoRandom, type RandomSource } from '../auth/random-source';
import { hashRecoveryCode } from '../recovery/recovery-hash';
import { replaceRecoveryCode } from '../repositories/recovery-repo';
import { updateUserMfa } from '../repositories/users-repo';
import type { SecretSealer } from '../secrets/sealed-secret';
import { maskPhone } from '../sms/code-hash';
import type { Store } from '../store/store';
import { DEMO_COMPANY_ID } from './demo-company';
import { DEMO_ENROLLMENTS, demoEnrollmentEmail } from './demo-enrollments';

const DAY_MS = 86_400_000;
const LOCK_THRESHOLD = 5;
const LOCK_MINUTES = 15;

/** Enrolls the demo users of DEMO_ENROLLMENTS at seed time `now` (call once, right after seeding the company). */
export async function seedDemoEnrollments(store: Store, sealer: SecretSealer, now: number, random: RandomSource = cryptoRandom): Promise<void> {
  await store.write(async (trx) => {
    // Audit entries are appended in time order at the end, so the log reads chronologically like a real one.
    const entries: Parameters<typeof appendAudit>[1][] = [];
    for (const enrollment of DEMO_ENROLLMENTS) {
      const email = demoEnrollmentEmail(enrollment);
      const user = await trx.selectFrom('users').select(['id']).where('company_id', '=', DEMO_COMPANY_ID).where('email_lower', '=', email).executeTakeFirst();
      if (!user) continue;
      const at = now - enrollment.enrolledDaysAgo * DAY_MS;
      const base = { user_id: user.id, last_step: null, confirmed_at: at, created_at: at };
      if (enrollment.totp) {
        const sealed = sealer.seal(newTotpSecret(random(TOTP_SECRET_BYTES)));
        await trx.insertInto('mfa_methods').values({ ...base, id: randomUUID(), kind: 'totp', secret_sealed: sealed, phone_e164: null }).execute();
      }
      if (enrollment.phone) {
        await trx.insertInto('mfa_methods').values({ ...base, id: randomUUID(), kind: 'sms', secret_sealed: null, phone_e164: enrollment.phone }).execute();
      }
      await replaceRecoveryCode(trx, user.id, hashRecoveryCode(newRecoveryCode(random(RECOVERY_CODE_BYTES))), at);
      const lock = enrollment.locked ? { failed_attempts: LOCK_THRESHOLD, locked_until: now + LOCK_MINUTES * 60_000 } : {};
      await updateUserMfa(trx, user.id, { enrolled_at: at, ...lock }, now);
      const methods = [...(enrollment.totp ? ['totp'] : []), ...(enrollment.phone ? ['sms'] : [])];
      const audit = { companyId: DEMO_COMPANY_ID, actorId: user.id, actorEmail: email, targetId: user.id, targetEmail: email };
      entries.push({
        ...audit,
        when: { real: at, company: at },
        action: 'mfa.enrolled',
        after: { methods, phone: enrollment.phone ? maskPhone(enrollment.phone) : null },
        evidence: { method: methods[0], recoveryCodeIssued: true, seeded: true },
      });
      if (enrollment.locked) {
        entries.push({
          ...audit,
          actorId: null,
          actorEmail: null,
          when: { real: now, company: now },
          action: 'mfa.lockout',
          before: { failedAttempts: LOCK_THRESHOLD - 1 },
          after: { failedAttempts: LOCK_THRESHOLD, lockedUntil: now + LOCK_MINUTES * 60_000 },
          evidence: { method: 'totp', lastReason: 'wrong', seeded: true },
        });
      }
    }
    entries.sort((a, b) => a.when.real - b.when.real);
    for (const entry of entries) await appendAudit(trx, entry);
  });
}
