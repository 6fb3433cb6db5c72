/**
 * The demo company's invited people (R-DIR-5, R-CON-2): someone whose invitation waits in their inbox, someone whose
 * invitation expired, and someone never invited — none of them has a password yet. Like everyone in the demo they were
 * added long ago (so, never having signed in, they are also stale). Their emails are in the demo
 * outbox, so a trainer can open the invitation on the simulated phone at once.
 */
import { randomUUID } from 'node:crypto';
import { accountLink } from '../../../shared/api/routes/accounts';
import { invitationExpiresAt } from '../../../shared/domain/account-access';
import { searchText } from '../../../shared/domain/search';
import { issueAccountToken } from '../accounts/account-tokens';
import { appendAudit } from '../audit/append-audit';
import { cryptoRandom, type RandomSource } from '../auth/random-source';
import { invitationMail } from '../mail/mail-content';
import { MailQueue } from '../mail/mail-queue';
import type { SecretSealer } from '../secrets/sealed-secret';
import { nextChangeSeq } from '../store/change-seq';
import type { Store } from '../store/store';
import { DEMO_ADMIN_EMAIL, DEMO_COMPANY_ID, DEMO_COMPANY_NAME, DEMO_INVITED_PEOPLE, demoEmail } from './demo-company';

const DAY_MS = 86_400_000;

/** Adds the invited people to the seeded demo company at `now`, their invitations sealed in the demo outbox. */
export async function seedDemoInvitations(
  store: Store,
  sealer: SecretSealer,
  now: number,
  publicUrl: string,
  random: RandomSource = cryptoRandom,
): Promise<void> {
  await store.write(async (trx) => {
    const admin = await trx.selectFrom('users').select(['id', 'name']).where('email_lower', '=', DEMO_ADMIN_EMAIL).executeTakeFirstOrThrow();
    for (const person of DEMO_INVITED_PEOPLE) {
      const email = demoEmail(person);
      const invitedAt = person.invitedDaysAgo === null ? null : now - person.invitedDaysAgo * DAY_MS;
      const expiresAt = invitedAt === null ? null : invitationExpiresAt(invitedAt);
      const id = randomUUID();
      await trx
        .insertInto('users')
        .values({
          id, company_id: DEMO_COMPANY_ID, email, email_lower: email, name: person.name, search_text: searchText({ name: person.name, email }), status: 'active', country: person.country,
          time_zone: person.zone, account_type: 'standard', perm_company_admin: 'none', perm_directory: 'none', password_hash: null,
          last_sign_in_at: null, always_require_mfa: 0, enrolled_at: null, failed_attempts: 0, locked_until: null,
          created_at: now - 400 * DAY_MS, updated_at: now, change_seq: await nextChangeSeq(trx),
          password_set_at: null, invited_at: invitedAt, invitation_expires_at: expiresAt,
        })
        .execute();
      if (invitedAt === null || expiresAt === null) continue;
      const token = await issueAccountToken(trx, { userId: id, purpose: 'invitation', now: invitedAt, expiresAt, createdBy: admin.id, random });
      const queue = new MailQueue({ store, clock: { now: () => invitedAt }, sealer, transport: null, demoOutbox: true });
      const messageId = await queue.enqueue(trx, {
        companyId: DEMO_COMPANY_ID, userId: id, kind: 'invitation', to: email,
        content: invitationMail({ companyName: DEMO_COMPANY_NAME, userName: person.name, invitedBy: admin.name, link: accountLink(publicUrl, 'invitation', token), expiresAt, timeZone: person.zone }),
      });
      await trx.updateTable('mail_messages').set({ status: 'sent', transport: 'outbox', attempts: 1, next_attempt_at: null, sent_at: invitedAt }).where('id', '=', messageId).execute();
      await appendAudit(trx, {
        companyId: DEMO_COMPANY_ID, when: { real: invitedAt, company: invitedAt }, actorId: admin.id, actorEmail: DEMO_ADMIN_EMAIL, action: 'user.invite',
        targetId: id, targetEmail: email, after: { invitedAt, expiresAt }, evidence: { validDays: 7, seeded: true },
      });
    }
  });
}
