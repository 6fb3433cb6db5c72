/**
 * What the console keeps so its screens still show something true while the service cannot be reached (R-CON-4):
 * each answer of the service the screens need is remembered as it arrives, with when, and saved to
 * `<dataDir>/cache/offline.json` a moment later, so a reload or a restart during an outage shows it too. The copy
 * belongs to one service (`mode:target`): pointed at another, it starts empty. The directory and the policy live in
 * the directory cache; this holds the rest.
 */
import path from 'node:path';
import type { AuditEntryView } from '../../../shared/api/routes/admin-audit';
import type { DirectoryUserDetail } from '../../../shared/api/routes/admin-common';
import type { PolicyHistoryEntry } from '../../../shared/api/routes/admin-policy';
import type { EnrollmentHistory, EnrollmentReport } from '../../../shared/api/routes/admin-report';
import type { CompanyOverview } from '../../../shared/ipc/channels/dashboard';
import { CacheWriter } from '../cache/cache-writer';
import type { LinkStatus, RememberedLink } from '../link/service-link';
import { emptyParts, readOfflineFile, writeOfflineFile, type OfflineParts, type RememberedOperator } from './offline-file';

/** Audit entries kept, newest first (about 1 KB each). */
export const AUDIT_KEPT = 2_000;
/** Policy changes kept, newest first. */
export const POLICY_HISTORY_KEPT = 200;
/** User records kept, the most recently opened first. */
export const USERS_KEPT = 200;

/** `<dataDir>/cache/offline.json`. */
export function offlineCopyFile(dataDir: string): string {
  return path.join(dataDir, 'cache', 'offline.json');
}

/** A remembered answer and when it arrived (this computer's clock). */
export interface Kept<T> {
  takenAt: number;
  value: T;
}

/** How the copy is set up. */
export interface OfflineCopyOptions {
  file: string;
  saveDelayMs?: number;
  /** Receives plain-words warnings (a failed save). */
  warn?: (message: string) => void;
}

/** Newest first by `seq`, each once, at most `max`. */
function mergeBySeq<T extends { seq: number }>(kept: readonly T[], fresh: readonly T[], max: number): T[] {
  const bySeq = new Map<number, T>();
  for (const entry of [...fresh, ...kept]) if (!bySeq.has(entry.seq)) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, max);
}

/** The offline copy of one console. */
export class OfflineCopy {
  private source = '';
  private parts: OfflineParts = emptyParts();
  private readonly writer: CacheWriter<{ source: string; parts: OfflineParts }>;

  private constructor(private readonly options: OfflineCopyOptions) {
    this.writer = new CacheWriter(
      (snapshot) => writeOfflineFile(options.file, snapshot),
      () => (this.source ? { source: this.source, parts: this.parts } : null),
      options.saveDelayMs ?? 1_000,
      (error) => options.warn?.(`The console's offline copy could not be saved (${error.message}); it is kept again at the next answer of the service.`),
    );
  }

  /** Opens the copy, reading what the last run saved. */
  static async open(options: OfflineCopyOptions): Promise<OfflineCopy> {
    const copy = new OfflineCopy(options);
    const saved = await readOfflineFile(options.file);
    if (saved) {
      copy.source = saved.source;
      copy.parts = saved.parts;
    }
    return copy;
  }

  /** The copy now belongs to `source` (`mode:target`); another service than before starts an empty copy. */
  useSource(source: string): void {
    if (source === this.source) return;
    this.source = source;
    this.parts = emptyParts();
    this.writer.schedule();
  }

  /** When the service was last reached, and since when it was lost. */
  get link(): RememberedLink {
    return this.parts.link;
  }

  /** Keeps the link's times when its state changes. */
  rememberLink(status: LinkStatus): void {
    this.parts.link = { lastContactAt: status.lastContactAt, lostSince: status.state === 'unreachable' ? status.since : null };
    this.writer.schedule();
  }

  get operator(): RememberedOperator | null {
    return this.parts.operator;
  }

  rememberOperator(operator: RememberedOperator): void {
    this.parts.operator = operator;
    this.writer.schedule();
  }

  get overview(): Kept<CompanyOverview> | null {
    const kept = this.parts.overview;
    return kept ? { takenAt: kept.takenAt, value: kept.value } : null;
  }

  rememberOverview(value: CompanyOverview, takenAt: number): void {
    this.parts.overview = { takenAt, value };
    this.writer.schedule();
  }

  get report(): Kept<EnrollmentReport> | null {
    const kept = this.parts.report;
    return kept ? { takenAt: kept.takenAt, value: kept.value } : null;
  }

  rememberReport(value: EnrollmentReport, takenAt: number): void {
    this.parts.report = { takenAt, value };
    this.writer.schedule();
  }

  /** Enrollment over time as last answered, in the days of `timeZone` only (another zone's days are other days). */
  history(timeZone: string): Kept<EnrollmentHistory> | null {
    const kept = this.parts.history;
    return kept && kept.value.timeZone === timeZone ? { takenAt: kept.takenAt, value: kept.value } : null;
  }

  rememberHistory(value: EnrollmentHistory, takenAt: number): void {
    this.parts.history = { takenAt, value };
    this.writer.schedule();
  }

  /** The policy changes seen, newest first. */
  get policyHistory(): Kept<PolicyHistoryEntry[]> | null {
    const kept = this.parts.policyHistory;
    return kept ? { takenAt: kept.takenAt, value: kept.entries } : null;
  }

  rememberPolicyHistory(entries: readonly PolicyHistoryEntry[], takenAt: number): void {
    const kept = this.parts.policyHistory?.entries ?? [];
    this.parts.policyHistory = { takenAt, entries: mergeBySeq(kept, entries, POLICY_HISTORY_KEPT) };
    this.writer.schedule();
  }

  /** The audit entries seen, newest first. */
  get audit(): Kept<AuditEntryView[]> | null {
    const kept = this.parts.audit;
    return kept ? { takenAt: kept.takenAt, value: kept.entries } : null;
  }

  rememberAudit(entries: readonly AuditEntryView[], takenAt: number): void {
    if (entries.length === 0 && this.parts.audit) return;
    this.parts.audit = { takenAt, entries: mergeBySeq(this.parts.audit?.entries ?? [], entries, AUDIT_KEPT) };
    this.writer.schedule();
  }

  /** A user's record as last opened, or null. */
  user(id: string): Kept<DirectoryUserDetail> | null {
    const kept = this.parts.users.find((entry) => entry.detail.id === id);
    return kept ? { takenAt: kept.takenAt, value: kept.detail } : null;
  }

  rememberUser(detail: DirectoryUserDetail, takenAt: number): void {
    this.parts.users = [{ takenAt, detail }, ...this.parts.users.filter((entry) => entry.detail.id !== detail.id)].slice(0, USERS_KEPT);
    this.writer.schedule();
  }

  /** Writes what is pending. */
  flush(): Promise<void> {
    return this.writer.flush();
  }
}
