/**
 * Reads an import file (R-DIR-4): the header row names the columns, each later record becomes a validated row or a
 * plain-words error with its line number. Nothing here touches the database.
 */
import { NUL_MESSAGE, hasNul } from '../../../../shared/api/nul-text';
import { IMPORT_COLUMNS } from '../../../../shared/api/routes/admin-import';
import { invalidCountryMessage, isCountryCode } from '../../../../shared/domain/country';
import { isCsvRecord, readCsv } from '../../../../shared/domain/csv';
import { emailKey } from '../../../../shared/domain/directory';
import { invalidEmailMessage, isValidEmail } from '../../../../shared/domain/email';
import { accountTypeSchema, toolPermissionSchema, userStatusSchema, type AccountType, type ToolPermission, type UserStatus } from '../../../../shared/domain/model';
import { canonicalTimeZone } from '../../../../shared/domain/time-zone';
import { ApiError } from '../../http/api-error';

/** A column of the import file. */
export type ImportColumn = (typeof IMPORT_COLUMNS.required)[number] | (typeof IMPORT_COLUMNS.optional)[number];

/** A valid row. Optional values are undefined when the column is missing or the cell empty. */
export interface ImportRow {
  readonly line: number;
  readonly email: string;
  readonly emailLower: string;
  readonly name: string;
  readonly country: string;
  readonly timeZone: string;
  readonly accountType?: AccountType | undefined;
  readonly status?: UserStatus | undefined;
  readonly companyAdmin?: ToolPermission | undefined;
  readonly directory?: ToolPermission | undefined;
}

/** A row that cannot be imported. */
export interface ImportRowProblem {
  readonly line: number;
  readonly email: string | null;
  readonly message: string;
}

const ALIASES: Record<string, ImportColumn> = {
  email: 'email',
  e_mail: 'email',
  email_address: 'email',
  name: 'name',
  full_name: 'name',
  country: 'country',
  country_code: 'country',
  time_zone: 'time_zone',
  timezone: 'time_zone',
  account_type: 'account_type',
  status: 'status',
  company_admin: 'company_admin',
  company_admin_permission: 'company_admin',
  directory: 'directory',
  directory_permission: 'directory',
};

/** Header cell → column: case-insensitive, spaces and dashes read as `_`. */
function columnOf(cell: string): ImportColumn | undefined {
  return ALIASES[cell.trim().toLowerCase().replace(/[\s-]+/g, '_')];
}

/** Maps the header to column positions; refuses a header with unknown, repeated or missing columns. */
export function readHeader(cells: readonly string[]): Map<ImportColumn, number> {
  if (cells.some(hasNul)) throw new ApiError('unprocessable', `The header row ${NUL_MESSAGE}.`);
  const positions = new Map<ImportColumn, number>();
  const unknown: string[] = [];
  cells.forEach((cell, index) => {
    const column = columnOf(cell);
    if (!column) unknown.push(cell.trim() === '' ? `(empty, column ${index + 1})` : cell.trim());
    else if (positions.has(column)) throw new ApiError('unprocessable', `The header names the column "${column}" twice. Keep one and import again.`);
    else positions.set(column, index);
  });
  const known = [...IMPORT_COLUMNS.required, ...IMPORT_COLUMNS.optional].join(', ');
  if (unknown.length > 0) {
    throw new ApiError('unprocessable', `The header row has columns this import does not know: ${unknown.join(', ')}. Use only: ${known}.`, { unknown });
  }
  const missing = IMPORT_COLUMNS.required.filter((column) => !positions.has(column));
  if (missing.length > 0) {
    throw new ApiError('unprocessable', `The header row must name the columns ${IMPORT_COLUMNS.required.join(', ')}; missing: ${missing.join(', ')}. The first line of the file is the header.`, { missing });
  }
  return positions;
}

const canonicalZones = new Map<string, string | null>();

/** The canonical name of a zone or alias (Asia/Calcutta → Asia/Kolkata), null when unknown; remembered per name. */
function zoneOf(zone: string): string | null {
  let canonical = canonicalZones.get(zone);
  if (canonical === undefined) {
    canonical = canonicalTimeZone(zone);
    canonicalZones.set(zone, canonical);
  }
  return canonical;
}

function enumValue<T extends string>(schema: { options: readonly T[] }, raw: string): T | undefined | null {
  const value = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (value === '') return undefined;
  return (schema.options as readonly string[]).includes(value) ? (value as T) : null;
}

/** Validates one record against the header; returns the row or the problem in plain words. */
export function readRow(line: number, fields: readonly string[], header: Map<ImportColumn, number>, width: number): ImportRow | ImportRowProblem {
  const cell = (column: ImportColumn): string => {
    const index = header.get(column);
    return index === undefined ? '' : (fields[index] ?? '').trim();
  };
  const email = cell('email');
  const problem = (message: string): ImportRowProblem => ({ line, email: email === '' || hasNul(email) ? null : email, message });
  if (fields.some(hasNul)) return problem(`This row ${NUL_MESSAGE}.`);
  if (fields.length !== width) {
    return problem(`This row has ${fields.length} values but the header has ${width} columns. Check for a missing or extra comma, or quote values that contain commas.`);
  }
  if (email === '') return problem('The email is empty. Every row needs the person’s email.');
  if (!isValidEmail(email)) return problem(invalidEmailMessage(email));
  const name = cell('name');
  if (name === '') return problem('The name is empty. Every row needs the person’s name.');
  if (name.length > 200) return problem('The name is longer than 200 characters. Shorten it.');
  const country = cell('country').toUpperCase();
  if (!isCountryCode(country)) return problem(invalidCountryMessage(cell('country')));
  const timeZone = zoneOf(cell('time_zone'));
  if (timeZone === null) return problem(`"${cell('time_zone')}" is not a time zone from the IANA list. Use one such as America/New_York or Europe/Paris.`);
  const accountType = enumValue(accountTypeSchema, cell('account_type'));
  if (accountType === null) return problem(`"${cell('account_type')}" is not an account type. Use standard, payments_payor or payments_payee_admin.`);
  const status = enumValue(userStatusSchema, cell('status'));
  if (status === null) return problem(`"${cell('status')}" is not a status. Use active or inactive.`);
  const companyAdmin = enumValue(toolPermissionSchema, cell('company_admin'));
  if (companyAdmin === null) return problem(`"${cell('company_admin')}" is not a Company Admin permission. Use none, read_only, standard or admin.`);
  const directory = enumValue(toolPermissionSchema, cell('directory'));
  if (directory === null) return problem(`"${cell('directory')}" is not a Directory permission. Use none, read_only, standard or admin.`);
  return { line, email, emailLower: emailKey(email), name, country, timeZone, accountType, status, companyAdmin, directory };
}

/** Reads the whole file: the header, the valid rows and the problems (including repeated emails), in line order. */
export function readImportFile(text: string): { columns: ImportColumn[]; rows: ImportRow[]; problems: ImportRowProblem[]; records: number } {
  const [first, ...records] = readCsv(text);
  if (!first) throw new ApiError('unprocessable', 'The file is empty. Send a CSV file whose first line is the header row (email, name, country, time_zone).');
  if (!isCsvRecord(first)) throw new ApiError('unprocessable', `The header row cannot be read: ${first.message}`);
  const header = readHeader(first.fields);
  const width = first.fields.length;
  const rows: ImportRow[] = [];
  const problems: ImportRowProblem[] = [];
  const firstLineOf = new Map<string, number>();
  let count = 0;
  for (const record of records) {
    count += 1;
    if (!isCsvRecord(record)) {
      problems.push({ line: record.line, email: null, message: record.message });
      continue;
    }
    const row = readRow(record.line, record.fields, header, width);
    if (!('emailLower' in row)) {
      problems.push(row);
      continue;
    }
    const seen = firstLineOf.get(row.emailLower);
    if (seen !== undefined) {
      problems.push({ line: row.line, email: row.email, message: `This email is already on line ${seen}. List each person once per file.` });
      continue;
    }
    firstLineOf.set(row.emailLower, row.line);
    rows.push(row);
  }
  return { columns: [...header.keys()], rows, problems, records: count };
}
