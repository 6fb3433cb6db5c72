/**
 * The Directory's CSV export of chosen users: what the table shows plus permissions, one row per user, written with
 * the product's one CSV writer (`csvLine`: RFC 4180, spreadsheet formulas neutralised). Times are ISO 8601 in UTC, so
 * a spreadsheet in any zone reads the same instant.
 */
import { csvLine } from '../../../shared/domain/csv';
import type { DirectoryRow } from '../../../shared/ipc/channels/directory';
import type { CachedUser } from '../cache/directory-columns';

/** The columns of the export, in order. */
export const DIRECTORY_CSV_HEADER = [
  'email',
  'name',
  'status',
  'country',
  'time_zone',
  'account_type',
  'mfa',
  'methods',
  'enrolled_at',
  'last_sign_in_at',
  'sign_in',
  'stale',
  'company_admin',
  'directory',
  'helpdesk',
  'added_at',
] as const;

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

/** The CSV text of `rows` (each with its cached user for the permissions), header first. */
export function directoryCsv(rows: readonly { row: DirectoryRow; user: CachedUser }[]): string {
  const lines = [csvLine(DIRECTORY_CSV_HEADER)];
  for (const { row, user } of rows) {
    lines.push(
      csvLine([
        row.email,
        row.name,
        row.status,
        row.country,
        row.timeZone,
        row.accountType,
        row.enrollment,
        row.methods.join(' '),
        iso(row.enrolledAt),
        iso(row.lastSignInAt),
        row.access,
        row.stale ? 'yes' : 'no',
        user.permissions.companyAdmin,
        user.permissions.directory,
        user.permissions.helpdesk ? 'yes' : 'no',
        iso(row.createdAt),
      ]),
    );
  }
  return lines.join('');
}
