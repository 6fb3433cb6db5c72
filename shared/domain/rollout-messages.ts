/**
 * R-RPT-2 rollout messages for the whole directory: who reads each message, the enforcement moment in each reader's
 * own time zone (from the time-zone preview, the one rule of R-POL-4), and the wording filled in once per group of
 * readers who get the same words (same zone, account type and methods), with those readers listed.
 * - The announcement goes to every active user who is not an SSO user (their identity provider runs their MFA).
 * - The reminders go to those who will be blocked at enforcement (`willBeBlocked`: active, not SSO, not enrolled).
 */
import { isSsoUser } from './directory';
import { enforcementInstant } from './enforcement-instant';
import { willBeBlocked } from './enrollment-report';
import { availableMethods } from './methods';
import type { AccountType, CountryCode, DomainCompany, MethodKind, UserStatus } from './model';
import type { DomainPolicy } from './policy';
import { ROLLOUT_DAYS_BEFORE, renderTemplate, type RolloutMessageKind, type RolloutPlaceholder, type TemplatePart } from './rollout-template';
import { methodsPhrase, readerContact, recoveryParagraph, setupSteps } from './rollout-steps';
import { canonicalTimeZone } from './time-zone';
import { timeZonePreview } from './tz-preview';

/** A directory user as the rollout reads them. */
export interface RolloutReader {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly status: UserStatus;
  readonly country: string;
  readonly timeZone: string;
  readonly accountType: AccountType;
  /** Confirmed methods (empty: not enrolled). */
  readonly methods: readonly MethodKind[];
}

/** When enforcement begins in one zone, as the messages say it. */
export interface ZoneMoment {
  readonly zone: string;
  /** `YYYY-MM-DD`, `HH:mm`. */
  readonly localDate: string;
  readonly localTime: string;
  /** "Thursday 14 January 2027". */
  readonly dateWords: string;
  /** "Thursday 14 January 2027, 21:00 your time". */
  readonly words: string;
}

/** One group of readers who get the same words. */
export interface RolloutGroup {
  readonly moment: ZoneMoment;
  readonly accountType: AccountType;
  readonly methods: readonly MethodKind[];
  readonly subject: string;
  readonly body: string;
  readonly readers: RolloutReader[];
}

/** Every message of one kind, grouped, with who was left out and why. */
export interface RolloutBatch {
  readonly kind: RolloutMessageKind;
  /** The enforcement instant (epoch ms). */
  readonly enforcementAt: number;
  /** When a reminder goes out (epoch ms: that many days before enforcement); null for the announcement. */
  readonly sendAt: number | null;
  /** By zone (earliest local moment first), then account type. */
  readonly groups: RolloutGroup[];
  readonly recipients: number;
  readonly left: { readonly inactive: number; readonly sso: number; readonly enrolled: number; readonly unknownZone: number };
}

const DAY_MS = 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Thursday 14 January 2027" from a weekday name and `YYYY-MM-DD`. */
function dateWords(weekday: string, date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${weekday} ${day ?? ''} ${MONTHS[(month ?? 1) - 1] ?? ''} ${year ?? ''}`;
}

/**
 * When enforcement begins in each of `zones` (names the tz database does not know are left out), from the
 * time-zone preview of the policy's deadline. Null when the policy has no deadline.
 */
export function enforcementMoments(policy: Pick<DomainPolicy, 'deadlineDate' | 'deadlineZone'>, zones: Iterable<string>): { at: number; byZone: Map<string, ZoneMoment> } | null {
  if (policy.deadlineDate === null) return null;
  const counts = new Map<string, number>();
  for (const zone of zones) counts.set(zone, 1);
  const preview = timeZonePreview({ date: policy.deadlineDate, zone: policy.deadlineZone, activeUsersByZone: counts });
  if (!preview.ok) return null;
  const byZone = new Map<string, ZoneMoment>();
  for (const row of preview.rows) {
    const words = dateWords(row.weekday, row.localDate);
    byZone.set(row.zone, { zone: row.zone, localDate: row.localDate, localTime: row.localTime, dateWords: words, words: `${words}, ${row.localTime} your time` });
  }
  // The preview names zones canonically: an alias in the directory is read as its zone.
  for (const zone of counts.keys()) {
    const canonical = canonicalTimeZone(zone);
    const moment = canonical === null ? undefined : byZone.get(canonical);
    if (!byZone.has(zone) && moment) byZone.set(zone, moment);
  }
  return { at: preview.instantMs, byZone };
}

/** The deadline as the policy states it: "Friday 15 January 2027, 00:00 in America/New_York". */
export function deadlineWords(policy: Pick<DomainPolicy, 'deadlineDate' | 'deadlineZone'>): string {
  if (policy.deadlineDate === null) return '';
  const start = enforcementInstant(policy.deadlineDate, policy.deadlineZone);
  const moments = enforcementMoments(policy, [policy.deadlineZone]);
  const own = moments?.byZone.get(policy.deadlineZone);
  if (!start.ok || !own) return policy.deadlineDate;
  return `${own.dateWords}, ${start.localTime} in ${policy.deadlineZone}`;
}

/** Who reads a message of this kind, or why not. */
export function rolloutAudience(kind: RolloutMessageKind, reader: RolloutReader, company: Pick<DomainCompany, 'ssoDomains'>): 'reads' | 'inactive' | 'sso' | 'enrolled' {
  if (reader.status !== 'active') return 'inactive';
  if (isSsoUser(reader.email, company)) return 'sso';
  if (kind !== 'announcement' && !willBeBlocked(reader, company)) return 'enrolled';
  return 'reads';
}

/** "30 days", "1 day". */
function daysWords(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** Builds every message of `kind` for `readers`, with `template` (already checked) filled in per group. */
export function buildRolloutBatch(input: {
  readonly kind: RolloutMessageKind;
  readonly template: { readonly subject: readonly TemplatePart[]; readonly body: readonly TemplatePart[] };
  readonly readers: Iterable<RolloutReader>;
  readonly company: Pick<DomainCompany, 'name' | 'ssoDomains'>;
  readonly policy: Pick<DomainPolicy, 'deadlineDate' | 'deadlineZone' | 'allowedMethods' | 'smsCodeTtlMinutes'>;
  readonly now: number;
}): RolloutBatch | null {
  const { kind, company, policy } = input;
  const left = { inactive: 0, sso: 0, enrolled: 0, unknownZone: 0 };
  const audience: RolloutReader[] = [];
  for (const reader of input.readers) {
    const verdict = rolloutAudience(kind, reader, company);
    if (verdict === 'reads') audience.push(reader);
    else left[verdict] += 1;
  }
  const moments = enforcementMoments(policy, new Set(audience.map((reader) => reader.timeZone)));
  if (moments === null) return null;
  const daysBefore = ROLLOUT_DAYS_BEFORE[kind];
  const sendAt = daysBefore === null ? null : moments.at - daysBefore * DAY_MS;
  const daysLeft = daysBefore ?? Math.max(0, Math.ceil((moments.at - input.now) / DAY_MS));
  const shared = { company: company.name, deadline: deadlineWords(policy), days_left: daysWords(daysLeft), recovery: recoveryParagraph() };
  const groups = new Map<string, RolloutGroup>();
  for (const reader of audience) {
    const moment = moments.byZone.get(reader.timeZone);
    if (!moment) {
      left.unknownZone += 1;
      continue;
    }
    const methods = availableMethods({ accountType: reader.accountType, country: reader.country as CountryCode }, policy);
    const key = `${moment.zone}|${reader.accountType}|${methods.join(',')}`;
    let group = groups.get(key);
    if (!group) {
      const values: Record<RolloutPlaceholder, string> = {
        ...shared,
        enforcement: moment.words,
        enforcement_date: moment.dateWords,
        enforcement_time: moment.localTime,
        time_zone: moment.zone,
        methods: methodsPhrase(methods),
        steps: setupSteps({ accountType: reader.accountType, methods }, policy.smsCodeTtlMinutes),
        contact: readerContact(reader),
      };
      group = {
        moment,
        accountType: reader.accountType,
        methods,
        subject: renderTemplate(input.template.subject, values),
        body: renderTemplate(input.template.body, values),
        readers: [],
      };
      groups.set(key, group);
    }
    group.readers.push(reader);
  }
  const ordered = [...groups.values()].sort(
    (a, b) =>
      a.moment.localDate.localeCompare(b.moment.localDate) ||
      a.moment.localTime.localeCompare(b.moment.localTime) ||
      a.moment.zone.localeCompare(b.moment.zone) ||
      a.accountType.localeCompare(b.accountType) ||
      a.methods.length - b.methods.length,
  );
  return { kind, enforcementAt: moments.at, sendAt, groups: ordered, recipients: audience.length - left.unknownZone, left };
}
