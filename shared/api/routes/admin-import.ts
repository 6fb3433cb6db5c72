/**
 * Admin API: CSV import of directory users (R-DIR-4). The body is the CSV file itself (`Content-Type: text/csv`,
 * UTF-8, header row). Rows are upserted by email (case-insensitive): good rows are kept, bad rows reported by line
 * number, and importing the same file again changes nothing.
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

/** What an import did. */
export const ImportResult = z.object({
  /** Data rows read (not counting the header and blank lines). */
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  /** Rows identical to the directory: not rewritten. */
  unchanged: z.number(),
  failed: z.number(),
  /** New users who were sent an invitation (only with `?invite=new`; the emails leave in the background). */
  invited: z.number(),
  errors: z.array(ImportRowError),
  /** True when more than `IMPORT_MAX_ERRORS` rows failed and only the first ones are listed. */
  errorsTruncated: z.boolean(),
  durationMs: z.number(),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** The CSV import route. */
export const adminImportRoutes = {
  adminUsersImport: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/users/import',
    summary: 'Import users from CSV (text/csv body, header row); bad rows reported by line, good rows kept; audited',
    tag: 'admin-directory',
    auth: 'operator',
    consumes: 'text/csv',
    query: z.strictObject({ invite: z.enum(['new']).optional().describe('new = invite the users this file creates (R-DIR-5)') }),
    body: z.string().describe('The CSV file, UTF-8, with a header row'),
    response: ImportResult,
    errors: ['forbidden', 'payload_too_large', 'unsupported_media_type', 'unprocessable'],
  }),
};
