/**
 * The embedded SMS "gateway": messages are kept in memory, newest last, for the console's simulated phone to read
 * (R-CON-2). Nothing leaves the machine and nothing is written to disk (codes must never be stored in clear).
 */
import { randomUUID } from 'node:crypto';
import type { SmsMessage, SmsSender } from './sms-sender';

/** A message as the outbox keeps it. */
export interface OutboxEntry extends SmsMessage {
  readonly id: string;
  /** Increasing number: readers ask for entries after the last one they saw. */
  readonly seq: number;
}

/** Messages kept at most; older ones are dropped. */
export const OUTBOX_CAPACITY = 500;

/** An SmsSender that keeps messages for a demo to read. */
export class OutboxSmsSender implements SmsSender {
  readonly #entries: OutboxEntry[] = [];
  #seq = 0;

  constructor(private readonly capacity = OUTBOX_CAPACITY) {}

  async send(message: SmsMessage): Promise<void> {
    this.#seq += 1;
    this.#entries.push({ ...message, id: randomUUID(), seq: this.#seq });
    if (this.#entries.length > this.capacity) this.#entries.splice(0, this.#entries.length - this.capacity);
  }

  /** The company's messages after `afterSeq` (all when absent), oldest first. */
  list(companyId: string, afterSeq = 0): OutboxEntry[] {
    return this.#entries.filter((entry) => entry.companyId === companyId && entry.seq > afterSeq);
  }
}
