/** Admin API route of the enrollment report (R-RPT-1). */
import { apiRoutes } from '../../../shared/api';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';
import { loadCompanyContext } from './company-context';
import { operatorOf } from './operator';
import { enrollmentReport } from './report-service';

/** Registers the report route. */
export function registerReportRoutes(ctx: ServiceContext): void {
  const { app, authenticator, store, clock } = ctx;
  registerRoute(app, apiRoutes.adminEnrollmentReport, authenticator, async ({ auth, query }) => {
    const operator = operatorOf(auth);
    return enrollmentReport(store.db, await loadCompanyContext(store.db, clock, operator.companyId), query);
  });
}
