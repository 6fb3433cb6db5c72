/**
 * The mail queue (R-DIR-5): every message is written in the same transaction as what it announces (an invitation,
 * a reset link), then sent at once; a send that fails for a passing reason is retried on a schedule, and every
 * failure stays visible to admins with the server and the reason. Contents are sealed with the data key, since they
 * carry a one-time link, and erased once sent — except in the demo company, whose mail is the simulator's outbox.
 * Several service instances may share the database: a sender leases a message before sending it.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable, Transaction } from 'kysely';
import type { MailDelivery } from '../../../shared/api/routes/admin-invitations';
import type { Clock } from '../clock';
import type { SecretSealer } from '../secrets/sealed-secret';
import type { Database, MailMessagesTable } from '../store/schema';
import type { Store } from '../store/store';
import type { MailContent } from './mail-content';
import { MailSendError, isReservedMailDomain, type MailTransport } from './mail-transport';

/** Waits before the 2nd, 3rd, … try; after the last one a message is given up as failed. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 60 * 60_000];
/** How long one sender holds a message it works on. */
const LEASE_MS = 2 * 60_000;

export type MailRow = Selectable<MailMessagesTable>;

/** A message to queue. */
export interface QueuedMail {
  companyId: string;
  userId: string | null;
  kind: MailRow['kind'];
  to: string;
  content: MailContent;
}

/** The delivery view of a row. */
export function deliveryOf(row: Pick<MailRow, 'id' | 'status' | 'transport' | 'attempts' | 'last_error' | 'next_attempt_at'>): MailDelivery {
  return {
    messageId: row.id,
    status: row.status,
    transport: row.transport,
    attempts: row.attempts,
    error: row.last_error,
    nextAttemptAt: row.status === 'pending' && row.next_attempt_at !== null ? Number(row.next_attempt_at) : null,
  };
}

/** Dependencies of the queue. */
export interface MailQueueDeps {
  store: Store;
  clock: Clock;
  sealer: SecretSealer;
  transport: MailTransport | null;
  /** True when demo tools run: the demo company's mail goes to (and stays in) the simulator's outbox. */
  demoOutbox: boolean;
  retryScheduleMs?: readonly number[];
}

/** Queues, sends and retries mail. */
export class MailQueue {
  #transport: MailTransport | null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<number> | null = null;
  readonly #schedule: readonly number[];

  constructor(private readonly deps: MailQueueDeps) {
    this.#transport = deps.transport;
    this.#schedule = deps.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS;
  }

  /** The transport in use (null: none configured). */
  get transport(): MailTransport | null {
    return this.#transport;
  }

  /** True when the demo company's mail is kept for the simulator. */
  get demoOutbox(): boolean {
    return this.deps.demoOutbox;
  }

  /** Replaces the transport (the console's Settings); the old one is closed. */
  setTransport(transport: MailTransport | null): void {
    this.#transport?.close();
    this.#transport = transport;
  }

  /** Writes a message inside the caller's transaction; send it with `deliver` after the commit. Returns its id. */
  async enqueue(trx: Transaction<Database>, mail: QueuedMail): Promise<string> {
    const id = randomUUID();
    const now = this.deps.clock.now();
    await trx
      .insertInto('mail_messages')
      .values({
        id,
        company_id: mail.companyId,
        user_id: mail.userId,
        kind: mail.kind,
        to_address: mail.to,
        subject: mail.content.subject,
        sealed_content: this.deps.sealer.seal(JSON.stringify({ text: mail.content.text, html: mail.content.html })),
        status: 'pending',
        transport: null,
        attempts: 0,
        next_attempt_at: now,
        lease_until: null,
        last_error: null,
        created_at: now,
        sent_at: null,
        updated_at: now,
      })
      .execute();
    return id;
  }

  /** Cancels a user's unsent messages of one kind (their link was replaced or revoked). */
  async cancelPending(trx: Transaction<Database>, userId: string, kind: MailRow['kind']): Promise<void> {
    await trx
      .updateTable('mail_messages')
      .set({ status: 'cancelled', sealed_content: null, next_attempt_at: null, updated_at: this.deps.clock.now() })
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .where('status', '=', 'pending')
      .execute();
  }

  /** Tries to send one pending message now; answers where its delivery stands afterwards. */
  async deliver(id: string): Promise<MailDelivery> {
    const now = this.deps.clock.now();
    const leased = await this.deps.store.write(async (trx) => {
      const result = await trx
        .updateTable('mail_messages')
        .set({ lease_until: now + LEASE_MS })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
    if (leased) await this.#attempt(id, now);
    const row = await this.deps.store.db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return deliveryOf(row);
  }

  /** Sends every pending message whose time has come, 200 at a time until none is left; returns how many were tried. */
  async runDue(): Promise<number> {
    this.#running ??= (async () => {
      let tried = 0;
      let afterSeq = 0;
      for (;;) {
        const due = await this.deps.store.db
          .selectFrom('mail_messages')
          .select(['id', 'seq'])
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', this.deps.clock.now())
          .where('seq', '>', afterSeq)
          .orderBy('seq')
          .limit(200)
          .execute();
        for (const row of due) await this.deliver(row.id);
        tried += due.length;
        const last = due.at(-1);
        if (!last || due.length < 200) return tried;
        afterSeq = Number(last.seq);
      }
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Makes a pending or failed message due now and tries it; 'conflict' when it was sent or cancelled. */
  async retryNow(companyId: string, id: string): Promise<MailDelivery | 'not_found' | 'done'> {
    const row = await this.deps.store.db.selectFrom('mail_messages').selectAll().where('id', '=', id).where('company_id', '=', companyId).executeTakeFirst();
    if (!row) return 'not_found';
    if (row.status === 'sent' || row.status === 'cancelled' || row.sealed_content === null) return 'done';
    await this.deps.store.write((trx) =>
      trx.updateTable('mail_messages').set({ status: 'pending', next_attempt_at: this.deps.clock.now(), lease_until: null }).where('id', '=', id).execute(),
    );
    return this.deliver(id);
  }

  /** Reads a message's words (the demo outbox). */
  async open(row: Pick<MailRow, 'sealed_content'>): Promise<{ text: string; html: string } | null> {
    if (row.sealed_content === null) return null;
    return JSON.parse(await this.deps.sealer.open(row.sealed_content)) as { text: string; html: string };
  }

  /** Retries due messages every `intervalMs` until `stop` (timers do not keep the process alive). */
  start(intervalMs = 30_000): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.runDue().catch(() => undefined);
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops the retry timer, waits for a running round and closes the transport. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
    this.#transport?.close();
  }

  async #attempt(id: string, now: number): Promise<void> {
    const row = await this.deps.store.db
      .selectFrom('mail_messages')
      .innerJoin('companies', 'companies.id', 'mail_messages.company_id')
      .selectAll('mail_messages')
      .select('companies.is_demo')
      .where('mail_messages.id', '=', id)
      .executeTakeFirstOrThrow();
    const outbox = this.deps.demoOutbox && row.is_demo === 1;
    const content = await this.open(row);
    if (content === null) return this.#finish(row, now, { status: 'failed', error: 'The message was lost before it could be sent. Send it again.' }, outbox);
    const transport = this.#transport;
    if (isReservedMailDomain(row.to_address) || transport === null) {
      if (outbox) return this.#finish(row, now, { status: 'sent', transport: 'outbox' }, true);
      const error = transport === null
        ? 'No mail server is set up for this service, so nothing was sent. Start the service with --smtp-url (or set the mail server in Settings), then retry.'
        : `${row.to_address} is on a reserved example domain that can never receive mail.`;
      return this.#finish(row, now, { status: 'failed', error }, false);
    }
    try {
      await transport.send({ from: transport.from, to: row.to_address, subject: row.subject, text: content.text, html: content.html });
      return this.#finish(row, now, { status: 'sent', transport: 'smtp' }, outbox);
    } catch (error) {
      const failure = error instanceof MailSendError ? error : new MailSendError(`Sending failed (${(error as Error).message}).`, false);
      const attempts = row.attempts + 1;
      const wait = this.#schedule[attempts - 1];
      if (failure.permanent || wait === undefined) return this.#finish(row, now, { status: 'failed', error: failure.message }, outbox);
      await this.deps.store.write((trx) =>
        trx
          .updateTable('mail_messages')
          .set({ attempts, last_error: failure.message, next_attempt_at: now + wait, lease_until: null, updated_at: now })
          .where('id', '=', id)
          .execute(),
      );
    }
  }

  async #finish(row: MailRow, now: number, result: { status: 'sent' | 'failed'; transport?: string; error?: string }, keepContent: boolean): Promise<void> {
    await this.deps.store.write((trx) =>
      trx
        .updateTable('mail_messages')
        .set({
          status: result.status,
          transport: result.transport ?? row.transport,
          attempts: row.attempts + 1,
          last_error: result.error ?? null,
          next_attempt_at: null,
          lease_until: null,
          sent_at: result.status === 'sent' ? now : null,
          updated_at: now,
          ...(keepContent ? {} : { sealed_content: result.status === 'sent' ? null : row.sealed_content }),
        })
        .where('id', '=', row.id)
        .execute(),
    );
  }
}
