/** What admins see of the service's mail (R-DIR-5: failed sends are visible): where it goes and each delivery. */
import type { Kysely } from 'kysely';
import type { MailLogEntry, MailTransportView } from '../../../shared/api/routes/admin-invitations';
import type { OutboxMail } from '../../../shared/api/routes/demo-mail';
import { parseAccountLink } from '../../../shared/api/routes/accounts';
import type { Database } from '../store/schema';
import { deliveryOf, type MailQueue } from './mail-queue';

/** Where mail goes, in words. */
export function transportView(queue: MailQueue): MailTransportView {
  const transport = queue.transport;
  if (transport) return { kind: 'smtp', description: `SMTP server ${transport.description}`, from: transport.from };
  if (queue.demoOutbox) {
    return { kind: 'outbox', description: "No mail server: the demo company's email stays in the demo outbox; the simulator's Mail app shows the demo people's.", from: null };
  }
  return { kind: 'none', description: 'No mail server is set up, so no email can leave. Start the service with --smtp-url smtp://user@host:587.', from: null };
}

/** The company's latest messages, newest first (never their contents). */
export async function mailLog(
  db: Kysely<Database>,
  companyId: string,
  filter: { problems: boolean; userId?: string | undefined; limit: number },
): Promise<{ failed: number; pending: number; messages: MailLogEntry[] }> {
  let query = db.selectFrom('mail_messages').selectAll().where('company_id', '=', companyId);
  if (filter.problems) query = query.where('status', 'in', ['pending', 'failed']);
  if (filter.userId) query = query.where('user_id', '=', filter.userId);
  const rows = await query.orderBy('seq', 'desc').limit(filter.limit).execute();
  const counts = await db
    .selectFrom('mail_messages')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('company_id', '=', companyId)
    .where('status', 'in', ['pending', 'failed'])
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(counts.find((row) => row.status === status)?.count ?? 0);
  return {
    failed: count('failed'),
    pending: count('pending'),
    messages: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      to: row.to_address,
      subject: row.subject,
      userId: row.user_id,
      createdAt: Number(row.created_at),
      sentAt: row.sent_at === null ? null : Number(row.sent_at),
      delivery: deliveryOf(row),
    })),
  };
}

/** The demo company's delivered mail with its words and link, oldest first (the simulator's Mail app). */
export async function demoOutbox(db: Kysely<Database>, queue: MailQueue, companyId: string, afterSeq: number, userId?: string): Promise<OutboxMail[]> {
  let query = db
    .selectFrom('mail_messages')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('seq', '>', afterSeq)
    .where('status', '=', 'sent')
    .where('sealed_content', 'is not', null);
  if (userId) query = query.where('user_id', '=', userId);
  const rows = await query.orderBy('seq').limit(500).execute();
  const messages: OutboxMail[] = [];
  for (const row of rows) {
    const content = await queue.open(row);
    if (!content) continue;
    const link = content.text.split(/\s+/).find((word) => parseAccountLink(word) !== null) ?? null;
    messages.push({
      id: row.id,
      seq: Number(row.seq),
      userId: row.user_id,
      to: row.to_address,
      kind: row.kind,
      subject: row.subject,
      text: content.text,
      link,
      sentAt: Number(row.created_at),
    });
  }
  return messages;
}
