/** The operator's company and MFA policy as the domain rules read them, at the company's (possibly shifted) time. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DomainCompany } from '../../../shared/domain/model';
import type { DomainPolicy } from '../../../shared/domain/policy';
import { companyMoment, type Clock, type Moment } from '../clock';
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

/** Loads the company and its policy; 404 in plain words when they are missing. */
export async function loadCompanyContext(
  db: Kysely<Database> | Transaction<Database>,
  clock: Clock,
  companyId: string,
): Promise<CompanyContext> {
  const company = await db.selectFrom('companies').selectAll().where('id', '=', companyId).executeTakeFirst();
  const policyRow = await db.selectFrom('policies').selectAll().where('company_id', '=', companyId).executeTakeFirst();
  if (!company || !policyRow) {
    throw new ApiError('not_found', 'Your company or its MFA policy was not found in this service. Contact your administrator.');
  }
  const moment = companyMoment(clock, company);
  return {
    company: companyFromRow(company),
    policy: policyFromRow(policyRow),
    policyRow,
    now: moment.company,
    moment,
  };
}
