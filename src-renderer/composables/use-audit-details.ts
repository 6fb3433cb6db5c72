/**
 * An audit entry's before, after and evidence as a person reads them: named fields instead of JSON keys, times in
 * the admin's zone instead of epoch milliseconds, Yes/No, method names, identity checks as ticked or not.
 */
import { METHOD_LABELS } from '../../shared/domain/methods';
import type { MethodKind } from '../../shared/domain/model';
import { formatDateTime } from './use-admin-time';
import { fieldName } from './use-policy-labels';

/** One line of a detail: a label and its value in words, or a group of lines under a label. */
export interface DetailLine {
  label: string;
  value: string;
  lines: DetailLine[];
}

/** Field names as the console says them elsewhere; policy settings by the form's names, others split from camelCase. */
const LABELS: Record<string, string> = {
  methods: 'Methods',
  method: 'Method',
  phone: 'Phone',
  hasRecoveryCode: 'Recovery code saved',
  recoveryCode: 'Recovery code',
  recoveryCodeIssued: 'New recovery code issued',
  enrolledAt: 'Enrolled',
  failedAttempts: 'Wrong codes in a row',
  lockedUntil: 'Locked until',
  lockoutCleared: 'Lockout cleared',
  alwaysRequireMfa: 'Always require 2FA',
  sessionsEnded: 'Sessions ended',
  pendingMethods: 'Methods still being set up',
  offsetMs: 'Simulated clock',
  companyTime: 'Company time',
  confirmed: '"I have verified the user\'s request" ticked',
  checks: 'Identity checks',
  note: 'Note',
  removed: 'Removed',
  ip: 'Network address',
  lastReason: 'Last refused code',
  tool: 'Tool',
  purpose: 'Purpose',
  seeded: 'Written when the demo was seeded',
  fileSha256: 'File fingerprint (SHA-256)',
  failedLines: 'Refused lines',
  timeZone: 'Time zone',
  accountType: 'Account type',
};

/** Keys whose numbers are instants (epoch ms). */
const INSTANT_KEY = /(At|Until|Time)$|^at$/;

function labelOf(key: string): string {
  return LABELS[key] ?? fieldName(key);
}

/** "46 days ahead of real time", "2 hours behind real time", "real time". */
function offsetWords(ms: number): string {
  if (ms === 0) return 'real time';
  const abs = Math.abs(ms);
  const minutes = Math.round(abs / 60_000);
  const amount = minutes < 120 ? `${minutes} minutes` : minutes < 48 * 60 ? `${Math.round(minutes / 60)} hours` : `${Math.round(minutes / 1440)} days`;
  return `${amount} ${ms > 0 ? 'ahead of' : 'behind'} real time`;
}

function isMethodKind(value: unknown): value is MethodKind {
  return value === 'totp' || value === 'sms';
}

/** One value in words, for the field `key`. */
function words(key: string, value: unknown, zone: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') {
    if (key === 'offsetMs') return offsetWords(value);
    if (INSTANT_KEY.test(key)) return `${formatDateTime(value, zone)} (${zone})`;
    return value.toLocaleString('en-US');
  }
  if (isMethodKind(value) && (key === 'method' || key === 'methods')) return METHOD_LABELS[value];
  if (key === 'changed' && typeof value === 'string') return fieldName(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((item) => words(key, item, zone)).join(', ');
  return JSON.stringify(value);
}

/** An identity check of a reset as one line: ticked or not, with what it recorded. */
function checkLine(check: Record<string, unknown>): DetailLine {
  const label = typeof check.label === 'string' ? check.label : String(check.id ?? 'Check');
  const recorded = typeof check.value === 'string' ? ` — ${String(check.record ?? 'recorded')}: ${check.value}` : '';
  return { label, value: `${check.checked === true ? 'Done' : 'Not done'}${recorded}`, lines: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The lines of one recorded value (before, after or evidence); empty when nothing was recorded. */
export function detailLines(value: unknown, zone: string): DetailLine[] {
  if (value === null || value === undefined) return [];
  if (!isRecord(value)) return [{ label: 'Value', value: words('value', value, zone), lines: [] }];
  return Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .map(([key, item]): DetailLine => {
      if (key === 'checks' && Array.isArray(item)) return { label: labelOf(key), value: '', lines: item.filter(isRecord).map(checkLine) };
      if (isRecord(item)) return { label: labelOf(key), value: '', lines: detailLines(item, zone) };
      if (Array.isArray(item) && item.some(isRecord)) {
        return { label: labelOf(key), value: '', lines: item.map((entry, index) => ({ label: `${index + 1}`, value: '', lines: detailLines(entry, zone) })) };
      }
      return { label: labelOf(key), value: words(key, item, zone), lines: [] };
    });
}
