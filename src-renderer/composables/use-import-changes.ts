/** How an import's changed users read on screen: "Directory: Read only → None" (labels the Directory screen uses). */
import { IMPORT_FIELDS, type ImportChange, type ImportField } from '../../shared/api/routes/admin-import';
import { ACCOUNT_TYPE_LABELS, PERMISSION_LABELS } from './use-directory-labels';

const FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  email: 'Email',
  name: 'Name',
  country: 'Country',
  timeZone: 'Time zone',
  status: 'Status',
  accountType: 'Account type',
  companyAdmin: 'Company Admin',
  directory: 'Directory',
};

function valueLabel(field: ImportField, value: string | undefined): string {
  if (value === undefined) return '—';
  if (field === 'companyAdmin' || field === 'directory') return PERMISSION_LABELS[value as keyof typeof PERMISSION_LABELS] ?? value;
  if (field === 'accountType') return ACCOUNT_TYPE_LABELS[value as keyof typeof ACCOUNT_TYPE_LABELS] ?? value;
  if (field === 'status') return value === 'active' ? 'Active' : 'Inactive';
  return value;
}

/** Each changed field of a change, in words; for a new user only the permissions they are given. */
export function describeImportChange(change: ImportChange): string[] {
  const fields = IMPORT_FIELDS.filter((field) => field in change.after && (change.kind === 'updated' || field === 'companyAdmin' || field === 'directory'));
  return fields.map((field) =>
    change.kind === 'added'
      ? `${FIELD_LABELS[field]}: ${valueLabel(field, change.after[field])}`
      : `${FIELD_LABELS[field]}: ${valueLabel(field, change.before?.[field])} → ${valueLabel(field, change.after[field])}`,
  );
}

/** One line per permission change, for the confirmation: "riley@x.com (line 2): Directory: Read only → None". */
export function permissionChangeLines(changes: readonly ImportChange[]): string[] {
  return changes
    .filter((change) => change.permissionChange)
    .map((change) => {
      const words = describeImportChange(change).filter((line) => line.startsWith('Company Admin') || line.startsWith('Directory'));
      return `${change.email} (line ${change.line}${change.kind === 'added' ? ', new user' : ''}): ${words.join('; ')}`;
    });
}
