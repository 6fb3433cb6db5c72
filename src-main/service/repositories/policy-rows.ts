/** Reads a company and its MFA policy as the domain rules see them. */
import type { Selectable } from 'kysely';
import type { DomainCompany } from '../../../shared/domain/model';
import type { DomainPolicy, ResetCheckItem } from '../../../shared/domain/policy';
import type { MethodKind } from '../../../shared/domain/model';
import type { CompaniesTable, PoliciesTable } from '../store/schema';

export type CompanyRow = Selectable<CompaniesTable>;
export type PolicyRow = Selectable<PoliciesTable>;

/** The policy row as a DomainPolicy. */
export function policyFromRow(row: PolicyRow): DomainPolicy {
  return {
    required: row.required === 1,
    deadlineDate: row.deadline_date,
    deadlineZone: row.deadline_zone,
    allowedMethods: JSON.parse(row.allowed_methods) as MethodKind[],
    smsCodeTtlMinutes: row.sms_code_ttl_minutes,
    lockoutThreshold: row.lockout_threshold,
    lockoutMinutes: row.lockout_minutes,
    sessionIdleMinutes: row.session_idle_minutes,
    sessionLifetimeHours: row.session_lifetime_hours,
    resetChecklist: JSON.parse(row.reset_checklist) as ResetCheckItem[],
    staleAfterDays: row.stale_after_days,
    signInRetentionDays: row.sign_in_retention_days,
  };
}

/** The company row as a DomainCompany. */
export function companyFromRow(row: CompanyRow): DomainCompany {
  return { id: row.id, name: row.name, ssoDomains: JSON.parse(row.sso_domains) as string[] };
}
