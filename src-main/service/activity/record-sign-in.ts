/**
 * Records sign-in attempts (R-LOG-1) around the sign-in routes: the route runs, and its answer — or the refusal it
 * threw — is turned into an outcome and stored with when, the email as typed, the user when known, the method, the
 * client address and the user agent. What the person was told is kept as the detail; no password, code or token is
 * ever part of a record. Once an hour per company, attempts older than the policy's retention are pruned.
 */
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { isSsoUser, emailKey } from '../../../shared/domain/directory';
import { POLICY_LIMITS } from '../../../shared/domain/policy';
import { SIGN_IN_TEXT_LIMITS, recordedText, retentionCutoff, type SignInMethod, type SignInOutcome } from '../../../shared/domain/sign-in-activity';
import { ApiError } from '../http/api-error';
import type { ServiceContext } from '../service-context';
import type { Database } from '../store/schema';
import type { GuardedChange } from '../store/guarded-write';
import { attemptColumns, attemptInsertIf, insertAttempts, pruneAttempts, type AttemptRow } from './sign-in-activity-repo';

/**
 * Records a step's answer inside the step's own write (see SignInRecorder.around): called with the write's
 * transaction, or, for a guarded write (Store.writeIfUnchanged), `asChange` gives the record as one of its changes
 * (null when this answer is not recorded there), and `applied` says the write applied it.
 */
export interface RecordInWrite<T> {
  (trx: Transaction<Database>, result: T): Promise<void>;
  asChange(result: T): { change: GuardedChange; applied(): void } | null;
}

/** A directory user and their company. */
export interface AttemptUser {
  readonly id: string;
  readonly companyId: string;
}

/** Who tried and from where; the user is given when the step knows it (a session's user). */
export interface AttemptSource {
  readonly email: string;
  readonly user: AttemptUser | null;
  readonly method: SignInMethod | null;
  readonly request: FastifyRequest;
}

/** What an attempt led to. */
export interface AttemptOutcome {
  readonly outcome: SignInOutcome;
  readonly detail?: string | null;
  /** The user the step found (a right password), by id. */
  readonly userId?: string | undefined;
}

/** Refusals of a code step that are no attempt at all (wrong stage, a way not offered): not recorded. */
const CODE_REASONS: Readonly<Record<string, SignInOutcome>> = {
  wrong: 'wrong_code',
  none_sent: 'wrong_code',
  no_method: 'wrong_code',
  malformed: 'wrong_code',
  empty: 'wrong_code',
  invalid_characters: 'wrong_code',
  wrong_length: 'wrong_code',
  setup_restarted: 'wrong_code',
  expired: 'expired_code',
  voided: 'expired_code',
  revoked: 'expired_code',
  replay: 'replayed_code',
  used: 'replayed_code',
};

/** The outcome of a refusal, or null for errors that are not an attempt's outcome. */
export function refusalOutcome(error: unknown): SignInOutcome | null {
  if (!(error instanceof ApiError)) return null;
  const reason = typeof error.details?.reason === 'string' ? error.details.reason : '';
  switch (error.code) {
    case 'invalid_credentials':
      return 'wrong_password';
    case 'rate_limited':
      return reason === 'password_throttled' ? 'throttled' : null;
    case 'mfa_locked':
      return 'locked';
    case 'forbidden':
      if (reason === 'inactive') return 'inactive';
      if (reason === 'no_admin_tools') return 'no_admin_access';
      if (reason === 'no_usable_method') return 'no_method';
      return null;
    case 'unprocessable':
    case 'bad_request':
      return CODE_REASONS[reason] ?? null;
    default:
      return null;
  }
}

const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 5000;

/** The recorder of one service: it remembers when each company's activity was last pruned. */
export class SignInRecorder {
  private readonly lastPruned = new Map<string | null, number>();

  constructor(private readonly ctx: Pick<ServiceContext, 'store' | 'clock'>) {}

  /**
   * Runs `step`, records what it led to (its answer through `outcomeOf`, or its refusal), and answers as it did. A
   * step whose user is known may record its answer inside its own write (`recordIn`, before that write commits): one
   * write less per sign-in. A refusal is always recorded afterwards, in a write of its own, since the step's write
   * rolled back or recorded nothing.
   */
  async around<T>(
    source: AttemptSource,
    step: (recordIn: RecordInWrite<T>) => Promise<T>,
    outcomeOf: (result: T) => AttemptOutcome | null,
  ): Promise<T> {
    let recordedIn = false;
    const rowIn = (result: T): AttemptRow | null => {
      const outcome = outcomeOf(result);
      if (!source.user || outcome === null) return null;
      return this.rowsOf(source, outcome, [{ companyId: source.user.companyId, userId: source.user.id }])[0] ?? null;
    };
    const recordIn: RecordInWrite<T> = Object.assign(
      async (trx: Transaction<Database>, result: T) => {
        const row = rowIn(result);
        if (!row) return;
        await insertAttempts(trx, [row]);
        recordedIn = true;
      },
      {
        asChange: (result: T) => {
          const row = rowIn(result);
          if (!row) return null;
          return { change: { build: attemptInsertIf, values: attemptColumns(row) } satisfies GuardedChange, applied: () => {
              recordedIn = true;
            } };
        },
      },
    );
    let result: T;
    try {
      result = await step(recordIn);
    } catch (error) {
      const outcome = refusalOutcome(error);
      if (outcome !== null) await this.record(source, { outcome, detail: error instanceof Error ? error.message : null });
      throw error;
    }
    const outcome = outcomeOf(result);
    if (recordedIn && source.user) await this.pruneDue([source.user.companyId], this.ctx.clock.now());
    else if (outcome !== null) await this.record(source, outcome);
    return result;
  }

  /** Stores one attempt (one row per company whose user has that email, when the step did not know the user). */
  async record(source: AttemptSource, what: AttemptOutcome): Promise<void> {
    const user = source.user ?? (what.userId ? await this.userById(what.userId) : null);
    const owners = user ? [{ companyId: user.companyId, userId: user.id }] : await this.ownersOf(source.email);
    const rows = this.rowsOf(source, what, owners);
    await this.ctx.store.write((trx) => insertAttempts(trx, rows));
    await this.pruneDue(owners.map((owner) => owner.companyId), rows[0]?.at ?? this.ctx.clock.now());
  }

  /** The rows of one attempt, one per owner, stamped now. */
  private rowsOf(source: AttemptSource, what: AttemptOutcome, owners: readonly { companyId: string | null; userId: string | null }[]): AttemptRow[] {
    const at = this.ctx.clock.now();
    const agent = source.request.headers['user-agent'];
    const base = {
      at,
      emailTyped: recordedText(source.email, SIGN_IN_TEXT_LIMITS.email),
      outcome: what.outcome,
      method: source.method,
      detail: what.detail ? recordedText(what.detail, SIGN_IN_TEXT_LIMITS.detail) : null,
      ip: source.request.ip || null,
      userAgent: typeof agent === 'string' && agent !== '' ? recordedText(agent, SIGN_IN_TEXT_LIMITS.userAgent) : null,
    };
    return owners.map((owner) => ({ ...base, ...owner }));
  }

  private async userById(id: string): Promise<AttemptUser | null> {
    const row = await this.ctx.store.db.selectFrom('users').select(['id', 'company_id']).where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, companyId: row.company_id } : null;
  }

  /**
   * Whose attempt it was when the step did not know: the users with that email (one per company), or else the
   * company it most likely belongs to — the only one, or the one whose SSO domain it is — or none.
   */
  private async ownersOf(email: string): Promise<{ companyId: string | null; userId: string | null }[]> {
    const db = this.ctx.store.db;
    const users = await db.selectFrom('users').select(['id', 'company_id']).where('email_lower', '=', emailKey(email)).limit(10).execute();
    if (users.length > 0) return users.map((row) => ({ companyId: row.company_id, userId: row.id }));
    const companies = await db.selectFrom('companies').select(['id', 'sso_domains']).limit(1000).execute();
    const sso = companies.filter((company) => isSsoUser(email, { ssoDomains: JSON.parse(company.sso_domains) as string[] }));
    const only = companies.length === 1 ? companies : sso.length === 1 ? sso : [];
    return [{ companyId: only[0]?.id ?? null, userId: null }];
  }

  /** Prunes each company whose last pruning is more than an hour old. */
  private async pruneDue(companyIds: readonly (string | null)[], now: number): Promise<void> {
    for (const companyId of companyIds) {
      if (now - (this.lastPruned.get(companyId) ?? 0) < PRUNE_EVERY_MS) continue;
      this.lastPruned.set(companyId, now);
      await this.prune(companyId, now);
    }
  }

  /** Removes a company's attempts older than its retention (the default retention for attempts of no company). */
  async prune(companyId: string | null, now: number = this.ctx.clock.now()): Promise<number> {
    const db = this.ctx.store.db;
    const policy = companyId === null ? undefined : await db.selectFrom('policies').select('sign_in_retention_days').where('company_id', '=', companyId).executeTakeFirst();
    const cutoff = retentionCutoff(now, policy?.sign_in_retention_days ?? POLICY_LIMITS.signInRetentionDays.default);
    let removed = 0;
    for (;;) {
      const count = await this.ctx.store.write((trx) => pruneAttempts(trx, companyId, cutoff, PRUNE_BATCH));
      removed += count;
      if (count < PRUNE_BATCH) return removed;
    }
  }
}
