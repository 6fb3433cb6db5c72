/**
 * Admin API: CSV import of directory users (R-DIR-4). The body is the CSV file itself (`Content-Type: text/csv`,
 * UTF-8, header row). Rows are upserted by email (case-insensitive): good rows are kept, bad rows reported by line
 * number, and importing the same file again changes nothing.
 *
 * Nothing changes people silently: `mode=preview` answers what the file would do without writing anything, and every
 * user an import changes is listed with the values before and after (in the answer and in the audit entry). A row
 * that gives or changes admin-tool permissions is applied only with `permissionChanges=apply`, which the console
 * sends once the operator has confirmed the permission changes the preview listed. With `invite=new` the users the
 * file creates are invited (R-DIR-5); the preview says how many would be.
 */
import { z } from 'zod';
import { defineRoute } from '../define';

/** Largest CSV body accepted: 64 MiB (100,000 rows are about 10 MiB). */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
/** Most row errors listed in one answer (the counts are always complete). */
export const IMPORT_MAX_ERRORS = 1000;

/**
 * Columns of the CSV header (names compared case-insensitively; spaces and dashes read as `_`).
 * Required: email, name, country, time_zone. Optional: account_type, status, company_admin, directory — when a
 * column is missing or a cell empty, an existing user keeps their value and a new user gets the default
 * (standard, active, none, none).
 */
export const IMPORT_COLUMNS = {
  required: ['email', 'name', 'country', 'time_zone'],
  optional: ['account_type', 'status', 'company_admin', 'directory'],
} as const;

/** One refused row. `line` is the line number in the file (the header is line 1). */
export const ImportRowError = z.object({
  line: z.number(),
  email: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

/** The user fields an import writes, by their API names. */
export const IMPORT_FIELDS = ['email', 'name', 'country', 'timeZone', 'status', 'accountType', 'companyAdmin', 'directory'] as const;
/** A user field an import writes. */
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** The permission fields: changing them needs the operator's confirmation. */
export const IMPORT_PERMISSION_FIELDS: readonly ImportField[] = ['companyAdmin', 'directory'];

/** Values of some import fields. */
export const ImportValues = z.partialRecord(z.enum(IMPORT_FIELDS), z.string());
export type ImportValues = z.infer<typeof ImportValues>;

/**
 * A user the import changes: an existing user whose values change (`updated`, with the changed fields before and
 * after), or a new user given admin-tool permissions (`added`, `before` null).
 */
export const ImportChange = z.object({
  line: z.number(),
  /** The user's id (for a new user in a preview: the id it would have been given; nothing is written). */
  userId: z.string(),
  email: z.string(),
  kind: z.enum(['updated', 'added']),
  before: ImportValues.nullable(),
  after: ImportValues,
  /** True when admin-tool permissions are given or changed. */
  permissionChange: z.boolean(),
});
export type ImportChange = z.infer<typeof ImportChange>;

/** What an import did, or (preview) would do. */
export const ImportResult = z.object({
  /** True for a preview: nothing was written. */
  preview: z.boolean(),
  /** Data rows read (not counting the header and blank lines). */
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  /** Rows identical to the directory: not rewritten. */
  unchanged: z.number(),
  failed: z.number(),
  /** Rows (among created and updated) that give or change admin-tool permissions. */
  permissionChanges: z.number(),
  /**
   * New users sent (or, in a preview, to be sent) an invitation: only with `invite=new`, and only active users; SSO
   * users are told to sign in at their identity provider. The emails leave in the background.
   */
  invited: z.number(),
  errors: z.array(ImportRowError),
  /** True when more than `IMPORT_MAX_ERRORS` rows failed and only the first ones are listed. */
  errorsTruncated: z.boolean(),
  /** Every user changed (or, in a preview, to be changed), in line order. */
  changes: z.array(ImportChange),
  durationMs: z.number(),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** Options of an import. */
export const ImportQuery = z.strictObject({
  mode: z.enum(['apply', 'preview']).default('apply').describe('preview: answer what the file would do, write nothing'),
  permissionChanges: z
    .enum(['refuse', 'apply'])
    .default('refuse')
    .describe('apply: also apply rows that give or change admin-tool permissions (after the operator confirmed them)'),
  invite: z.enum(['none', 'new']).default('none').describe('new: invite the users this file creates (R-DIR-5)'),
});
export type ImportQuery = z.input<typeof ImportQuery>;

/** The CSV import route. */
export const adminImportRoutes = {
  adminUsersImport: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/users/import',
    summary: 'Import users from CSV (text/csv body, header row); bad rows reported by line, good rows kept; audited',
    tag: 'admin-directory',
    auth: 'operator',
    consumes: 'text/csv',
    query: ImportQuery,
    body: z.string().describe('The CSV file, UTF-8, with a header row'),
    response: ImportResult,
    errors: ['forbidden', 'payload_too_large', 'unsupported_media_type', 'unprocessable'],
  }),
};
