/**
 * Search, filters, sort and windows over the cached directory (R-CON-3): answers in a few milliseconds at 100,000
 * users. Sort orders are computed once per change of the directory; the last results are kept so that scrolling
 * through a query only slices them.
 */
import { accountAccess } from '../../../shared/domain/account-access';
import { ENROLLMENT_STATES } from '../../../shared/domain/enrollment-report';
import { matchesSearch, searchTokens } from '../../../shared/domain/search';
import { isStale, staleCutoff } from '../../../shared/domain/stale';
import type { DirectoryFilter, DirectoryRow, DirectorySort } from '../../../shared/ipc/channels/directory';
import { ACCOUNT_TYPES, DirectoryColumns, type CachedUser } from './directory-columns';
import { sortSlots } from './directory-sort';

/** What a query is evaluated with besides its filters. */
export interface QueryContext {
  now: number;
  staleAfterDays: number;
}

/** A sorted, filtered list of slots. */
interface QueryResult {
  key: string;
  version: number;
  slots: Int32Array;
}

const RESULT_CACHE_SIZE = 8;
const SSO = ENROLLMENT_STATES.indexOf('sso');
const NO_ACCESS_FACTS = { sso: false, passwordSetAt: null, invitedAt: null, invitationExpiresAt: null };

/** The cached directory with its query engine. */
export class DirectoryIndex {
  private readonly columns = new DirectoryColumns();
  private orders = new Map<DirectorySort, Int32Array>();
  private results: QueryResult[] = [];
  /** Bumped on every change: cached results of an older version are not reused. */
  private version = 0;

  get size(): number {
    return this.columns.size;
  }

  /** Every cached user, in slot order (for persistence and reports). */
  all(): readonly CachedUser[] {
    return this.columns.users;
  }

  /** One user by id. */
  get(id: string): CachedUser | null {
    const slot = this.columns.slotOf(id);
    return slot < 0 ? null : (this.columns.users[slot] ?? null);
  }

  /** Sets the company's SSO domains. */
  setSsoDomains(domains: readonly string[]): void {
    this.columns.setSsoDomains(domains);
    this.changed(false);
  }

  /** Adds or replaces users. */
  upsert(users: Iterable<CachedUser>): void {
    let reorder = false;
    let any = false;
    for (const user of users) {
      reorder = this.columns.upsert(user) || reorder;
      any = true;
    }
    if (any) this.changed(reorder);
  }

  /** Computes the default sort order now (after a sync) so the next search does not pay for it. */
  warm(): void {
    this.order('name');
  }

  /** The slots matching `filter`, sorted; the same query on an unchanged directory is answered from memory. */
  query(filter: DirectoryFilter, sort: DirectorySort, direction: 'asc' | 'desc', ctx: QueryContext): Int32Array {
    const key = JSON.stringify([filter, sort, direction, ctx.staleAfterDays, filter.staleOnly || filter.lockedOnly || filter.access !== null ? ctx.now : 0]);
    const hit = this.results.find((result) => result.key === key && result.version === this.version);
    if (hit) return hit.slots;
    const slots = this.evaluate(filter, this.order(sort), direction, ctx);
    this.results = [{ key, version: this.version, slots }, ...this.results].slice(0, RESULT_CACHE_SIZE);
    return slots;
  }

  /** Rows `offset .. offset+limit` of a query result. */
  window(slots: Int32Array, offset: number, limit: number, ctx: QueryContext): DirectoryRow[] {
    const rows: DirectoryRow[] = [];
    const end = Math.min(slots.length, offset + limit);
    for (let i = offset; i < end; i++) {
      const row = this.row(slots[i] ?? -1, ctx);
      if (row) rows.push(row);
    }
    return rows;
  }

  /** The table row of one user, or null when it is not cached. */
  rowOf(id: string, ctx: QueryContext): DirectoryRow | null {
    return this.row(this.columns.slotOf(id), ctx);
  }

  /** How many users have each country and zone (all users), most common first. */
  facets(): { countries: { value: string; count: number }[]; timeZones: { value: string; count: number }[] } {
    const { countries, zones } = this.columns;
    const countryCounts = new Array<number>(countries.values.length).fill(0);
    const zoneCounts = new Array<number>(zones.values.length).fill(0);
    for (let slot = 0; slot < this.size; slot++) {
      countryCounts[this.columns.country[slot] ?? 0]! += 1;
      zoneCounts[this.columns.zone[slot] ?? 0]! += 1;
    }
    const list = (values: string[], counts: number[]) =>
      values
        .map((value, code) => ({ value, count: counts[code] ?? 0 }))
        .filter((entry) => entry.count > 0)
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    return { countries: list(countries.values, countryCounts), timeZones: list(zones.values, zoneCounts) };
  }

  /** Active users per time zone: what the time-zone preview counts (R-POL-4). */
  activeUsersByZone(): Map<string, number> {
    const counts = new Map<string, number>();
    const { zones, zone, active } = this.columns;
    for (let slot = 0; slot < this.size; slot++) {
      if (active[slot] !== 1) continue;
      const name = zones.values[zone[slot] ?? 0] ?? '';
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return counts;
  }

  private row(slot: number, ctx: QueryContext): DirectoryRow | null {
    const user = this.columns.users[slot];
    if (!user) return null;
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      status: user.status,
      country: user.country,
      timeZone: user.timeZone,
      accountType: user.accountType,
      enrollment: this.columns.enrollmentOf(slot),
      methods: [...user.methods],
      lastSignInAt: user.lastSignInAt,
      enrolledAt: user.enrolledAt,
      lockedUntil: user.lockedUntil,
      createdAt: user.createdAt,
      stale: isStale(user, ctx.now, ctx.staleAfterDays),
      access: accountAccess(user, ctx.now),
      invitationExpiresAt: user.invitationExpiresAt,
    };
  }

  private changed(reorder: boolean): void {
    this.version += 1;
    if (reorder) this.orders = new Map();
  }

  private order(sort: DirectorySort): Int32Array {
    let order = this.orders.get(sort);
    if (!order) {
      order = sortSlots(this.columns, sort);
      this.orders.set(sort, order);
    }
    return order;
  }

  private evaluate(filter: DirectoryFilter, order: Int32Array, direction: 'asc' | 'desc', ctx: QueryContext): Int32Array {
    const c = this.columns;
    const tokens = searchTokens(filter.search);
    const active = filter.status === null ? -1 : filter.status === 'active' ? 1 : 0;
    const enrollment = filter.enrollment === null ? -1 : ENROLLMENT_STATES.indexOf(filter.enrollment);
    const account = filter.accountType === null ? -1 : ACCOUNT_TYPES.indexOf(filter.accountType);
    const country = filter.country === null ? -1 : c.countries.find(filter.country);
    const zone = filter.timeZone === null ? -1 : c.zones.find(filter.timeZone);
    if ((filter.country !== null && country < 0) || (filter.timeZone !== null && zone < 0)) return new Int32Array(0);
    const cutoff = staleCutoff(ctx.now, ctx.staleAfterDays);
    const n = order.length;
    // Pass 1 in slot order (memory order, so the search texts are read sequentially); pass 2 in sort order.
    const match = new Uint8Array(n);
    let matches = 0;
    for (let slot = 0; slot < n; slot++) {
      if (active >= 0 && c.active[slot] !== active) continue;
      if (enrollment >= 0 && c.enrollment[slot] !== enrollment) continue;
      if (account >= 0 && c.accountType[slot] !== account) continue;
      if (country >= 0 && c.country[slot] !== country) continue;
      if (zone >= 0 && c.zone[slot] !== zone) continue;
      // The stale rule (shared/domain/stale.ts) on the precomputed inactiveSince column: active and inactive since the cut-off.
      if (filter.staleOnly && (c.active[slot] !== 1 || !((c.inactiveSince[slot] ?? Number.POSITIVE_INFINITY) <= cutoff))) continue;
      if (filter.lockedOnly && !((c.lockedUntil[slot] ?? 0) > ctx.now)) continue;
      if (filter.blockedOnly && (c.active[slot] !== 1 || c.enrolled[slot] === 1 || c.enrollment[slot] === SSO)) continue;
      if (tokens.length > 0 && !matchesSearch(c.hay[slot] ?? '', tokens)) continue;
      if (filter.access !== null && accountAccess(c.users[slot] ?? NO_ACCESS_FACTS, ctx.now) !== filter.access) continue;
      match[slot] = 1;
      matches += 1;
    }
    const out = new Int32Array(matches);
    let count = 0;
    for (let k = 0; k < n && count < matches; k++) {
      const slot = order[direction === 'asc' ? k : n - 1 - k] ?? 0;
      if (match[slot] === 1) out[count++] = slot;
    }
    return out;
  }
}
