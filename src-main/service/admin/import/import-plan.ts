/**
 * What an import file does to the directory (R-DIR-4), decided row by row before anything is written: each valid row
 * adds a user, updates one (listing every changed field before and after), leaves one unchanged, or is refused with a
 * reason. Giving or changing admin-tool permissions needs Admin on both tools and, to be applied, the operator's
 * confirmation; so does changing the status of someone who holds them (`mayChangeSignInOf`). Nobody deactivates
 * themselves or changes their own permissions by import.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { IMPORT_FIELDS, IMPORT_PERMISSION_FIELDS, type ImportChange, type ImportField, type ImportValues } from '../../../../shared/api/routes/admin-import';
import { mayChangeSignInOf } from '../../../../shared/domain/permissions';
import { permissionsOf } from '../../repositories/users-repo';
import type { UsersTable } from '../../store/schema';
import type { Operator } from '../operator';
import type { ImportRow, ImportRowProblem } from './import-rows';

/** The user columns an import reads. */
export const EXISTING_COLUMNS = ['id', 'email', 'email_lower', 'name', 'status', 'country', 'time_zone', 'account_type', 'perm_company_admin', 'perm_directory', 'perm_helpdesk'] as const;
/** An existing user as the import reads them. */
export type Existing = Pick<Selectable<UsersTable>, (typeof EXISTING_COLUMNS)[number]>;
/** The columns an import writes (never the Helpdesk permission, which is given one person at a time). */
export type Values = Omit<Existing, 'id' | 'email_lower' | 'perm_helpdesk'>;

/** Each import field's column. */
const COLUMN_OF: Record<ImportField, keyof Values> = {
  email: 'email',
  name: 'name',
  country: 'country',
  timeZone: 'time_zone',
  status: 'status',
  accountType: 'account_type',
  companyAdmin: 'perm_company_admin',
  directory: 'perm_directory',
};

const NO_ACCESS = 'none';

/** How the plan treats rows that give or change permissions. */
export interface PlanOptions {
  /** False: such rows are refused (the operator has not confirmed them). A preview plans them as applied. */
  readonly applyPermissionChanges: boolean;
  readonly adminOnBoth: boolean;
}

/** The rows to write, the changes to report, and the rows refused. */
export interface ImportPlan {
  readonly inserts: { row: ImportRow; id: string; values: Values }[];
  readonly updates: { current: Existing; values: Values }[];
  readonly changes: ImportChange[];
  readonly problems: ImportRowProblem[];
  readonly unchanged: number;
  readonly permissionChanges: number;
}

function valuesOf(row: ImportRow, existing: Existing | undefined): Values {
  return {
    email: row.email,
    name: row.name,
    country: row.country,
    time_zone: row.timeZone,
    status: row.status ?? existing?.status ?? 'active',
    account_type: row.accountType ?? existing?.account_type ?? 'standard',
    perm_company_admin: row.companyAdmin ?? existing?.perm_company_admin ?? NO_ACCESS,
    perm_directory: row.directory ?? existing?.perm_directory ?? NO_ACCESS,
  };
}

/** The fields whose values differ, before and after; a new user is compared with no access on both tools. */
function differences(existing: Existing | undefined, next: Values): { before: ImportValues; after: ImportValues } {
  const before: ImportValues = {};
  const after: ImportValues = {};
  for (const field of IMPORT_FIELDS) {
    const column = COLUMN_OF[field];
    const old = existing ? existing[column] : IMPORT_PERMISSION_FIELDS.includes(field) ? NO_ACCESS : undefined;
    if (old === next[column]) continue;
    if (old !== undefined) before[field] = old;
    after[field] = next[column];
  }
  return { before, after };
}

function changesPermissions(after: ImportValues): boolean {
  return IMPORT_PERMISSION_FIELDS.some((field) => field in after);
}

/** In words: `Directory read_only → none`. */
function describePermissionChange(before: ImportValues, after: ImportValues): string {
  const label: Partial<Record<ImportField, string>> = { companyAdmin: 'Company Admin', directory: 'Directory' };
  return IMPORT_PERMISSION_FIELDS.filter((field) => field in after)
    .map((field) => `${label[field]} ${before[field] ?? NO_ACCESS} → ${after[field]}`)
    .join(', ');
}

/** Why `operator` may not apply this row, or null. */
function refusal(operator: Operator, options: PlanOptions, existing: Existing | undefined, next: Values, permissionChange: string | null): string | null {
  if (existing?.id === operator.id) {
    if (next.status === 'inactive') return 'This row would deactivate your own account. Another company admin must do that.';
    if (permissionChange) return 'This row would change your own permissions. Another company admin must do that.';
  }
  if (permissionChange && !options.adminOnBoth) {
    return 'This row gives or changes admin-tool permissions, which needs Admin on both Company Admin and Directory. Leave those cells as they are, or ask such an admin to import it.';
  }
  const holder = existing ? { permissions: permissionsOf(existing) } : null;
  if (holder && existing?.status !== next.status && !mayChangeSignInOf(operator, holder)) {
    return 'This row changes the status of someone with admin-tool permissions, which needs Admin on both Company Admin and Directory. Leave the status cell as it is, or ask such an admin to import it.';
  }
  if (permissionChange && !options.applyPermissionChanges) {
    return `This row changes permissions (${permissionChange}), which were not confirmed. Check the file first, confirm the permission changes, then import it.`;
  }
  return null;
}

/** Plans the rows of a file against the users that exist now (keyed by lower-case email). */
export function planImport(rows: readonly ImportRow[], existing: ReadonlyMap<string, Existing>, operator: Operator, options: PlanOptions): ImportPlan {
  const plan: ImportPlan = { inserts: [], updates: [], changes: [], problems: [], unchanged: 0, permissionChanges: 0 };
  let permissionChanges = 0;
  let unchanged = 0;
  for (const row of rows) {
    const current = existing.get(row.emailLower);
    const values = valuesOf(row, current);
    const { before, after } = differences(current, values);
    if (current && Object.keys(after).length === 0) {
      unchanged += 1;
      continue;
    }
    const permissionChange = changesPermissions(after) ? describePermissionChange(before, after) : null;
    const refused = refusal(operator, options, current, values, permissionChange);
    if (refused) {
      plan.problems.push({ line: row.line, email: row.email, message: refused });
      continue;
    }
    if (permissionChange) permissionChanges += 1;
    const id = current?.id ?? randomUUID();
    if (current) plan.updates.push({ current, values });
    else plan.inserts.push({ row, id, values });
    if (current || permissionChange) {
      plan.changes.push({
        line: row.line,
        userId: id,
        email: row.email,
        kind: current ? 'updated' : 'added',
        before: current ? before : null,
        after: current ? after : differences(undefined, values).after,
        permissionChange: permissionChange !== null,
      });
    }
  }
  return { ...plan, unchanged, permissionChanges };
}
