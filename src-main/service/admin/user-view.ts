/** Directory rows as the Admin API shows them (lean list/sync rows, and the full detail). */
import type { Selectable } from 'kysely';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { DirectoryUser, DirectoryUserDetail, MethodView } from '../../../shared/api/routes/admin-common';
import { isSsoUser } from '../../../shared/domain/directory';
import { isLocked } from '../../../shared/domain/lockout';
import type { DomainCompany, DomainUser, MethodKind } from '../../../shared/domain/model';
import { permissionsOf } from '../repositories/users-repo';
import type { MfaMethodsTable, UsersTable } from '../store/schema';

/** The columns a lean directory row needs (the sync reads only these). */
export const LEAN_USER_COLUMNS = [
  'id',
  'email',
  'name',
  'status',
  'country',
  'time_zone',
  'account_type',
  'perm_company_admin',
  'perm_directory',
  'perm_helpdesk',
  'enrolled_at',
  'last_sign_in_at',
  'locked_until',
  'created_at',
  'change_seq',
  'password_set_at',
  'invited_at',
  'invitation_expires_at',
] as const;

/** A lean user row. */
export type LeanUserRow = Pick<Selectable<UsersTable>, (typeof LEAN_USER_COLUMNS)[number]>;

const METHOD_ORDER: Record<MethodKind, number> = { totp: 0, sms: 1 };

/** Methods sorted in product order (the app first). */
export function sortedMethods(kinds: Iterable<MethodKind>): MethodKind[] {
  return [...new Set(kinds)].sort((a, b) => METHOD_ORDER[a] - METHOD_ORDER[b]);
}

/** A lean row as a DirectoryUser. */
export function directoryUser(row: LeanUserRow, methods: readonly MethodKind[], company: Pick<DomainCompany, 'ssoDomains'>): DirectoryUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    country: row.country,
    timeZone: row.time_zone,
    accountType: row.account_type,
    permissions: permissionsOf(row),
    sso: isSsoUser(row.email, company),
    methods: sortedMethods(methods),
    enrolledAt: row.enrolled_at === null ? null : Number(row.enrolled_at),
    lastSignInAt: row.last_sign_in_at === null ? null : Number(row.last_sign_in_at),
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
    createdAt: Number(row.created_at),
    changeSeq: Number(row.change_seq),
    passwordSetAt: row.password_set_at === null ? null : Number(row.password_set_at),
    invitedAt: row.invited_at === null ? null : Number(row.invited_at),
    invitationExpiresAt: row.invitation_expires_at === null ? null : Number(row.invitation_expires_at),
  };
}

/** `+44 •••• 0123`: enough for an admin to recognise the number, not enough to call it. */
export function maskPhone(e164: string): string {
  const last = e164.replace(/\D/g, '').slice(-4);
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? `+${parsed.countryCallingCode} •••• ${last}` : `•••• ${last}`;
}

/** A method row as an admin sees it (never the secret). */
export function methodView(row: Selectable<MfaMethodsTable>): MethodView {
  return {
    kind: row.kind,
    phoneMasked: row.phone_e164 ? maskPhone(row.phone_e164) : null,
    confirmedAt: row.confirmed_at === null ? null : Number(row.confirmed_at),
    createdAt: Number(row.created_at),
  };
}

/** The full detail of a user. */
export function directoryUserDetail(
  row: Selectable<UsersTable>,
  input: {
    methods: readonly Selectable<MfaMethodsTable>[];
    hasRecoveryCode: boolean;
    accessCode: { expiresAt: number; issuedByEmail: string } | null;
    activeSessions: number;
    company: Pick<DomainCompany, 'ssoDomains'>;
    now: number;
  },
): DirectoryUserDetail {
  const confirmed = input.methods.filter((method) => method.confirmed_at !== null).map((method) => method.kind);
  const lean = directoryUser(row, confirmed, input.company);
  return {
    ...lean,
    methodDetails: input.methods.map(methodView),
    hasRecoveryCode: input.hasRecoveryCode,
    accessCode: input.accessCode,
    failedAttempts: row.failed_attempts,
    locked: isLocked({ failedAttempts: row.failed_attempts, lockedUntil: lean.lockedUntil }, input.now),
    alwaysRequireMfa: row.always_require_mfa === 1,
    activeSessions: input.activeSessions,
    updatedAt: Number(row.updated_at),
  };
}

/** A user row as the domain rules read it. */
export function domainUser(row: Selectable<UsersTable>, methods: readonly MethodKind[]): DomainUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    country: row.country,
    timeZone: row.time_zone,
    accountType: row.account_type,
    permissions: permissionsOf(row),
    lastSignInAt: row.last_sign_in_at === null ? null : Number(row.last_sign_in_at),
    enrolledAt: row.enrolled_at === null ? null : Number(row.enrolled_at),
    methods: sortedMethods(methods),
    alwaysRequireMfa: row.always_require_mfa === 1,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
  };
}
