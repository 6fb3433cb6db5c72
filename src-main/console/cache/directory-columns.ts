/**
 * The directory held column by column: one slot per user, with the fields filters read kept in typed arrays
 * (states as small codes, countries and zones interned) and a folded search text per slot. Searching and filtering
 * 100,000 users is then a tight loop over arrays, with no object allocation.
 */
import type { DirectoryUser } from '../../../shared/api/routes/admin-common';
import { ENROLLMENT_STATES, enrollmentState, type EnrollmentState } from '../../../shared/domain/enrollment-report';
import type { DomainCompany } from '../../../shared/domain/model';
import { foldText, searchText } from '../../../shared/domain/search';
import { inactiveSince } from '../../../shared/domain/stale';

/** A user as main caches it: the service's lean directory user, with the change sequence of its last change. */
export type CachedUser = DirectoryUser;

/** Codes of the account types, in the order of the column values. */
export const ACCOUNT_TYPES = ['standard', 'payments_payor', 'payments_payee_admin'] as const;

/** Interns strings (countries, zones) as small integers. */
export class Interner {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  /** The code of `value`, adding it when new. */
  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  /** The code of `value`, or -1 when no user has it. */
  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }
}

function grown<T extends Int32Array | Uint8Array | Float64Array>(array: T, size: number, make: (n: number) => T): T {
  if (size <= array.length) return array;
  const next = make(Math.max(size, array.length * 2, 1024));
  next.set(array);
  return next;
}

/** Column storage of the cached directory. */
export class DirectoryColumns {
  users: CachedUser[] = [];
  /** The shared search text (`searchText`) per slot. */
  hay: string[] = [];
  /** Folded name then email: the name sort key. */
  nameKey: string[] = [];
  active = new Uint8Array(0);
  enrollment = new Uint8Array(0);
  /** 1 when the user has a confirmed method. */
  enrolled = new Uint8Array(0);
  accountType = new Uint8Array(0);
  country = new Int32Array(0);
  zone = new Int32Array(0);
  /** Last sign-in (epoch ms), NaN for never. */
  lastSignIn = new Float64Array(0);
  /** The instant the stale rule counts inactivity from (`inactiveSince`): last sign-in, else when added. */
  inactiveSince = new Float64Array(0);
  /** Locked until (epoch ms), 0 for not locked. */
  lockedUntil = new Float64Array(0);
  readonly countries = new Interner();
  readonly zones = new Interner();
  private readonly slotById = new Map<string, number>();
  private ssoDomains: readonly string[] = [];

  get size(): number {
    return this.users.length;
  }

  /** The slot of a user id, or -1. */
  slotOf(id: string): number {
    return this.slotById.get(id) ?? -1;
  }

  /** Sets the SSO domains (they decide who is an SSO user) and recomputes every enrollment state. */
  setSsoDomains(domains: readonly string[]): void {
    this.ssoDomains = [...domains];
    for (let slot = 0; slot < this.users.length; slot++) this.writeEnrollment(slot);
  }

  /** Adds or replaces a user; returns true when a field that sorting reads changed (or the user is new). */
  upsert(user: CachedUser): boolean {
    let slot = this.slotById.get(user.id);
    const previous = slot === undefined ? undefined : this.users[slot];
    if (slot === undefined) {
      slot = this.users.length;
      this.slotById.set(user.id, slot);
      this.ensureCapacity(slot + 1);
    }
    this.users[slot] = user;
    this.hay[slot] = searchText(user);
    this.nameKey[slot] = `${foldText(user.name)}\u0000${user.email.toLowerCase()}`;
    this.active[slot] = user.status === 'active' ? 1 : 0;
    this.enrolled[slot] = user.methods.length > 0 ? 1 : 0;
    this.accountType[slot] = ACCOUNT_TYPES.indexOf(user.accountType);
    this.country[slot] = this.countries.code(user.country);
    this.zone[slot] = this.zones.code(user.timeZone);
    this.lastSignIn[slot] = user.lastSignInAt ?? Number.NaN;
    this.inactiveSince[slot] = inactiveSince(user);
    this.lockedUntil[slot] = user.lockedUntil ?? 0;
    this.writeEnrollment(slot);
    return (
      previous === undefined ||
      previous.name !== user.name ||
      previous.email !== user.email ||
      previous.lastSignInAt !== user.lastSignInAt ||
      previous.country !== user.country ||
      previous.timeZone !== user.timeZone
    );
  }

  /** The enrollment state of a slot, decoded. */
  enrollmentOf(slot: number): EnrollmentState {
    return ENROLLMENT_STATES[this.enrollment[slot] ?? 0] ?? 'not_enrolled';
  }

  /** The company fields the rules need for a user's state. */
  company(): Pick<DomainCompany, 'ssoDomains'> {
    return { ssoDomains: this.ssoDomains };
  }

  private writeEnrollment(slot: number): void {
    const user = this.users[slot];
    if (user) this.enrollment[slot] = ENROLLMENT_STATES.indexOf(enrollmentState(user, this.company()));
  }

  private ensureCapacity(size: number): void {
    this.active = grown(this.active, size, (n) => new Uint8Array(n));
    this.enrollment = grown(this.enrollment, size, (n) => new Uint8Array(n));
    this.enrolled = grown(this.enrolled, size, (n) => new Uint8Array(n));
    this.accountType = grown(this.accountType, size, (n) => new Uint8Array(n));
    this.country = grown(this.country, size, (n) => new Int32Array(n));
    this.zone = grown(this.zone, size, (n) => new Int32Array(n));
    this.lastSignIn = grown(this.lastSignIn, size, (n) => new Float64Array(n));
    this.inactiveSince = grown(this.inactiveSince, size, (n) => new Float64Array(n));
    this.lockedUntil = grown(this.lockedUntil, size, (n) => new Float64Array(n));
  }
}
