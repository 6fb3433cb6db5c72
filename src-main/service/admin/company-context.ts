/** The operator's company and MFA policy as the domain rules read them, at the company's (possibly shifted) time. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DomainCompany } from '../../../shared/domain/model';
import type { DomainPolicy } from '../../../shared/domain/policy';
import { companyMoment, type Clock, type Moment } from '../clock';
import type { AuthContext } from '../auth/authenticator';
import { ApiError } from '../http/api-error';
import { companyFromRow, policyFromRow } from '../repositories/policy-rows';
import type { Database, PoliciesTable } from '../store/schema';

/** What most admin actions read first. */
export interface CompanyContext {
  readonly company: DomainCompany;
  readonly policy: DomainPolicy;
  readonly policyRow: Selectable<PoliciesTable>;
  /** Company time (real time plus the demo company's simulated offset). */
  readonly now: number;
  /** Now on both clocks, for audit entries (they stamp real time). */
  readonly moment: Moment;
}

/**
 * Loads the company and its policy in one query; 404 in plain words when they are missing. Writes read it inside
 * their transaction; a read route takes the one the authenticator already read (`callerCompanyContext`).
 */
export async function loadCompanyContext(
  db: Kysely<Database> | Transaction<Database>,
  clock: Clock,
  companyId: string,
): Promise<CompanyContext> {
  const row = await db
    .selectFrom('companies')
    .innerJoin('policies', 'policies.company_id', 'companies.id')
    .selectAll(['companies', 'policies'])
    .where('companies.id', '=', companyId)
    .executeTakeFirst();
  if (!row) {
    throw new ApiError('not_found', 'Your company or its MFA policy was not found in this service. Contact your administrator.');
  }
  const { id, name, sso_domains, is_demo, clock_offset_ms, created_at, ...policyRow } = row;
  const company = { id, name, sso_domains, is_demo, clock_offset_ms, created_at };
  const moment = companyMoment(clock, company);
  return { company: companyFromRow(company), policy: policyFromRow(policyRow), policyRow, now: moment.company, moment };
}

/** The caller's company context as the authenticator read it with the session: no new query. */
export function callerCompanyContext(auth: AuthContext): CompanyContext {
  if (auth.kind === 'none') throw new ApiError('unauthorized', 'Sign in first: this request needs a session token.');
  const { company, policy, policyRow, now, moment } = auth.uc;
  return { company, policy, policyRow, now, moment };
}
