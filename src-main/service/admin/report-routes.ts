/** Admin API routes of the enrollment report and its history (R-RPT-1). */
import { apiRoutes } from '../../../shared/api';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';
import { loadCompanyContext } from './company-context';
import { operatorOf } from './operator';
import { enrollmentHistory } from './enrollment-history-service';
import { enrollmentReport } from './report-service';

/** Registers the report routes. */
export function registerReportRoutes(ctx: ServiceContext): void {
  const { app, authenticator, store, clock } = ctx;
  registerRoute(app, apiRoutes.adminEnrollmentReport, authenticator, async ({ auth, query }) => {
    const operator = operatorOf(auth);
    return enrollmentReport(store.db, await loadCompanyContext(store.db, clock, operator.companyId), query);
  });
  registerRoute(app, apiRoutes.adminEnrollmentHistory, authenticator, async ({ auth, query }) => {
    const operator = operatorOf(auth);
    const context = await loadCompanyContext(store.db, clock, operator.companyId);
    return enrollmentHistory(store.db, context, query.timeZone ?? context.policy.deadlineZone, query.days);
  });
}
