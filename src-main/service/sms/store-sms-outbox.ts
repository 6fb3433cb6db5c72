/**
 * The demo SMS "gateway" (R-CON-2): text messages are kept in the database, newest last, for the console's simulated
 * phone to read, so every service instance on one database shows the same messages. Nothing leaves the machine, and
 * a message (it holds a live code) is stored sealed with the data key, never in clear.
 */
import { randomUUID } from 'node:crypto';
import { appendOutboxRow, outboxRowsAfter, trimOutbox } from '../repositories/sms-outbox-repo';
import type { SecretSealer } from '../secrets/sealed-secret';
import type { Store } from '../store/store';
import type { SmsMessage, SmsSender } from './sms-sender';

/** A message as the outbox gives it back. */
export interface OutboxEntry extends SmsMessage {
  readonly id: string;
  /** Increasing number: readers ask for entries after the last one they saw. */
  readonly seq: number;
}

/** Messages kept per company at most; older ones are dropped. */
export const OUTBOX_CAPACITY = 500;

/** What is sealed of a message. */
interface SealedParts {
  to: string;
  body: string;
  code: string;
}

/** An SmsSender that keeps messages in the database for a demo to read. */
export class StoreSmsOutbox implements SmsSender {
  constructor(
    private readonly store: Store,
    private readonly sealer: SecretSealer,
    private readonly capacity = OUTBOX_CAPACITY,
  ) {}

  async send(message: SmsMessage): Promise<void> {
    const parts: SealedParts = { to: message.to, body: message.body, code: message.code };
    const sealed = this.sealer.seal(JSON.stringify(parts));
    await this.store.write(async (trx) => {
      await appendOutboxRow(trx, {
        id: randomUUID(),
        company_id: message.companyId,
        user_id: message.userId,
        user_email: message.userEmail,
        sealed_message: sealed,
        sent_at: message.sentAt,
        expires_at: message.expiresAt,
      });
      await trimOutbox(trx, message.companyId, this.capacity);
    });
  }

  /** The company's messages after `afterSeq` (all when absent), oldest first. */
  async list(companyId: string, afterSeq = 0): Promise<OutboxEntry[]> {
    const rows = await outboxRowsAfter(this.store.db, companyId, afterSeq);
    return Promise.all(
      rows.map(async (row) => {
        const parts = JSON.parse(await this.sealer.open(row.sealed_message)) as SealedParts;
        return {
          id: row.id,
          seq: Number(row.seq),
          companyId: row.company_id,
          userId: row.user_id,
          userEmail: row.user_email,
          ...parts,
          sentAt: Number(row.sent_at),
          expiresAt: Number(row.expires_at),
        };
      }),
    );
  }
}
