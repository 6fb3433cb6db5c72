/** Admin API routes of the enrollment report and its history (R-RPT-1). */
import { apiRoutes } from '../../../shared/api';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';
import { callerCompanyContext } from './company-context';
import { enrollmentHistory } from './enrollment-history-service';
import { enrollmentReport } from './report-service';

/** Registers the report routes. */
export function registerReportRoutes(ctx: ServiceContext): void {
  const { app, authenticator, store } = ctx;
  registerRoute(app, apiRoutes.adminEnrollmentReport, authenticator, async ({ auth, query }) => {
    return enrollmentReport(store.db, callerCompanyContext(auth), query);
  });
  registerRoute(app, apiRoutes.adminEnrollmentHistory, authenticator, async ({ auth, query }) => {
    const context = callerCompanyContext(auth);
    return enrollmentHistory(store.db, context, query.timeZone ?? context.policy.deadlineZone, query.days);
  });
}
