/** Directory channels (R-DIR-1..4, R-CON-3): windows of the cached directory, user detail, bulk actions, CSV import. */
import { z } from 'zod';
import { ENROLLMENT_STATES, type EnrollmentState } from '../../domain/enrollment-report';
import {
  accountTypeSchema,
  countryCodeSchema,
  timeZoneSchema,
  userStatusSchema,
  type AccountType,
  type MethodKind,
  type UserStatus,
} from '../../domain/model';
import { ToolPermissionsInput, type DirectoryUserDetail as ApiDirectoryUserDetail } from '../../api/routes/admin-common';
import type { BulkSkip } from '../../api/routes/admin-directory';
import type { ImportChange, ImportRowError } from '../../api/routes/admin-import';
import { ACCOUNT_ACCESS_STATES, type AccountAccess } from '../../domain/account-access';

export type { ImportChange, ImportRowError };
import { channel } from '../define';
import type { Freshness } from './app';

/** Columns the directory table sorts by. */
export const DIRECTORY_SORTS = ['name', 'email', 'lastSignIn', 'country', 'timeZone'] as const;
/** A sortable column. */
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];

/** Filters of the directory table; null means "any". Answered from main's cache. */
export const directoryFilterSchema = z.strictObject({
  search: z.string().max(200, { error: 'Keep the search under 200 characters.' }).default(''),
  status: userStatusSchema.nullable().default(null),
  enrollment: z.enum(ENROLLMENT_STATES).nullable().default(null),
  accountType: accountTypeSchema.nullable().default(null),
  country: z.string().max(2).nullable().default(null),
  timeZone: z.string().max(64).nullable().default(null),
  /** Only stale users (R-DIR-3): active, no sign-in for `staleAfterDays` days (counted from when added if never). */
  staleOnly: z.boolean().default(false),
  /** Only users whose MFA is locked now. */
  lockedOnly: z.boolean().default(false),
  /** Only users who will be blocked at enforcement (R-RPT-1): active, not SSO, not enrolled. */
  blockedOnly: z.boolean().default(false),
  /** Only users in this sign-in state (R-DIR-5): active, invited, invitation expired or revoked, never invited, SSO. */
  access: z.enum(ACCOUNT_ACCESS_STATES as [AccountAccess, ...AccountAccess[]]).nullable().default(null),
});
/** Parsed filters. */
export type DirectoryFilter = z.output<typeof directoryFilterSchema>;

/** One window of the directory: filters, sort and the rows wanted. */
export const directoryQuerySchema = directoryFilterSchema.extend({
  sort: z.enum(DIRECTORY_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500, { error: 'Ask for at most 500 rows at a time.' }).default(100),
  /** Days without sign-in that make a user stale; the company policy's value when absent. */
  staleAfterDays: z.number().int().min(1).max(3650).optional(),
});
/** Parsed query. */
export type DirectoryQuery = z.output<typeof directoryQuerySchema>;

/** A directory row as the table shows it. Times are epoch ms. */
export interface DirectoryRow {
  id: string;
  email: string;
  name: string;
  status: UserStatus;
  country: string;
  timeZone: string;
  accountType: AccountType;
  enrollment: EnrollmentState;
  methods: MethodKind[];
  lastSignInAt: number | null;
  enrolledAt: number | null;
  lockedUntil: number | null;
  /** When the user was added (a user who never signed in is stale counting from then). */
  createdAt: number;
  stale: boolean;
  /** R-DIR-5: whether they can sign in with a password, or where their invitation stands. */
  access: AccountAccess;
  /** When the current invitation link stops working (null when none is waiting). */
  invitationExpiresAt: number | null;
}

/**
 * The full record of one user (detail panel): the service's detail plus the table's derived fields, and while their
 * MFA is locked, when the lock ends (or who must unlock it) in the words triage and the Reset screen use.
 */
export type DirectoryUserDetail = ApiDirectoryUserDetail & Pick<DirectoryRow, 'enrollment' | 'stale' | 'access'> & { lock: string | null } & Freshness;

/** How fresh main's copy of the directory is. */
export interface CacheInfo {
  /** `loading`: nothing yet; `ready`: synced with the service; `stale`: the last refresh failed, data may be old. */
  state: 'loading' | 'ready' | 'stale';
  users: number;
  /** When the cache last caught up with the service (epoch ms), or null. */
  syncedAt: number | null;
  /** Plain words of the last refresh failure, or null. */
  lastError: string | null;
}

/** A window of the current query. */
export interface DirectoryPage {
  /** Users matching the filters. */
  total: number;
  offset: number;
  rows: DirectoryRow[];
  /** Users in the whole directory. */
  directorySize: number;
  staleAfterDays: number;
  cache: CacheInfo;
  /** How long the cache took to answer, in milliseconds (shown to the curious). */
  tookMs: number;
}

/** Values present in the directory, for the filter menus. */
export interface DirectoryFacets {
  countries: { value: string; count: number }[];
  timeZones: { value: string; count: number }[];
  staleAfterDays: number;
  cache: CacheInfo;
}

/** What a bulk deactivation did. */
export interface BulkDeactivateResult {
  deactivated: number;
  sessionsEnded: number;
  /** Users left alone, each with the reason in plain words (the first 100). */
  skipped: BulkSkip[];
  skippedCount: number;
  /**
   * Set when the work stopped part-way (the service was lost, or refused a part): why, how many users the service
   * was handling when the connection broke (it may or may not have deactivated them), and how many were not sent.
   */
  stopped: { message: string; inDoubt: number; notSent: number } | null;
}

/**
 * Why a CSV import (or check) stopped before the end of the file, and where: lines up to `doneThroughLine` were
 * handled; the lines of `inDoubt` were with the service when the connection broke (it may or may not have applied
 * them); from `notDoneFromLine` on nothing was done.
 */
export interface ImportStop {
  message: string;
  doneThroughLine: number;
  inDoubt: { fromLine: number; toLine: number } | null;
  notDoneFromLine: number;
}

/** Progress of a CSV import (or of a check of the file, `preview`); `finished` carries the summary. */
export interface ImportProgress {
  importId: string;
  /** True for a check: nothing was written, the counts say what importing the file would do. */
  preview: boolean;
  receivedBytes: number;
  /** Bytes of the file whose rows the service has processed: what the progress bar shows. */
  processedBytes: number;
  totalBytes: number;
  /** Data rows the service has processed so far. */
  rowsProcessed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Rows among created and updated that give or change admin-tool permissions (applied only once confirmed). */
  permissionChanges: number;
  /** New users sent (in a check: to be sent) an invitation, when the admin asked for it. */
  invited: number;
  finished: boolean;
  /** The first bad rows (line number and plain-words problem); the full list is in the error report. */
  errors: ImportRowError[];
  /** The first changed users, before and after (line numbers of the file); all of them are in the changes report. */
  changes: ImportChange[];
  changesTotal: number;
  /** Set when the import stopped before the end of the file (then `finished` is true too). */
  stopped: ImportStop | null;
}

/** The user panel's Edit form (R-DIR-1): name, country, time zone, and permissions under R-POL-1's rules. */
export const userEditSchema = z.strictObject({
  id: z.string().min(1).max(100),
  /** The changeSeq the form was opened at: a change made meanwhile by someone else is refused, not overwritten. */
  expectedChangeSeq: z.number().int(),
  name: z.string().trim().min(1, { error: 'Enter the person’s name.' }).max(200, { error: 'Keep the name under 200 characters.' }),
  country: countryCodeSchema,
  timeZone: timeZoneSchema,
  /** Left out when the operator may not change them (the form shows them read-only); Helpdesk left out: unchanged. */
  permissions: ToolPermissionsInput.optional(),
});

const ids = z.array(z.string().min(1).max(100)).min(1, { error: 'Pick at least one user.' }).max(200_000);
const importId = z.string().min(1).max(100);

export const directoryChannels = {
  'directory:query': channel(directoryQuerySchema)<DirectoryPage>(),
  'directory:facets': channel(z.strictObject({}))<DirectoryFacets>(),
  'directory:user': channel(z.strictObject({ id: z.string().min(1).max(100) }))<DirectoryUserDetail>(),
  'directory:deactivate': channel(z.strictObject({ ids }))<BulkDeactivateResult>(),
  /**
   * Deactivates every stale user (R-DIR-3). `expectedCount` is the number the admin confirmed: when the list changed
   * meanwhile nothing is done and the admin is asked to look again.
   */
  'directory:deactivate-stale': channel(
    z.strictObject({ staleAfterDays: z.number().int().min(1).max(3650), expectedCount: z.number().int().min(1) }),
  )<BulkDeactivateResult>(),
  'directory:update': channel(userEditSchema)<DirectoryUserDetail>(),
  /** The chosen users as CSV, from main's copy of the directory (the one CSV writer of shared/domain). */
  'directory:export': channel(z.strictObject({ ids }))<{ fileName: string; csv: string }>(),
  'directory:reactivate': channel(z.strictObject({ id: z.string().min(1).max(100) }))<DirectoryUserDetail>(),
  'directory:unlock': channel(z.strictObject({ id: z.string().min(1).max(100) }))<DirectoryUserDetail>(),
  /** Withdraws the temporary access code the user has not used yet (R-RST-6); answers the user as they are now. */
  'directory:revoke-access-code': channel(z.strictObject({ id: z.string().min(1).max(100) }))<DirectoryUserDetail>(),
  'directory:refresh': channel(z.strictObject({}))<CacheInfo>(),
  /**
   * Starts reading a file: `check` answers what importing it would do (nothing is written); `apply` imports it, with
   * the permission changes only when `applyPermissionChanges` (the operator confirmed them).
   */
  'directory:import-start': channel(
    z.strictObject({
      fileName: z.string().min(1).max(255),
      totalBytes: z.number().int().min(0).max(512 * 1024 * 1024),
      mode: z.enum(['check', 'apply']),
      applyPermissionChanges: z.boolean().default(false),
      /** Invite the users the file creates (R-DIR-5); a check counts who would be invited. */
      invite: z.boolean().default(false),
    }),
  )<{ importId: string }>(),
  /** Sends the next piece of the file (text, in order). `last` ends the file and waits for the summary. */
  'directory:import-chunk': channel(
    z.strictObject({ importId, text: z.string().max(4 * 1024 * 1024), last: z.boolean() }),
  )<ImportProgress>(),
  /** A report of an import as CSV: its refused rows, or every changed user with the values before and after. */
  'directory:import-report': channel(z.strictObject({ importId, kind: z.enum(['errors', 'changes']).default('errors') }))<{ fileName: string; csv: string }>(),
};
