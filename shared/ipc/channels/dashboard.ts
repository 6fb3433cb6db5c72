/** Dashboard channels (R-RPT-1). */
import { z } from 'zod';
import type { EnrollmentHistory, EnrollmentReport } from '../../api/routes/admin-report';
import { timeZoneSchema } from '../../domain/model';
import { channel } from '../define';
import type { Freshness } from './app';

/** The first real slice: the company and whether MFA is required (R-POL-2). */
export interface CompanyOverview {
  companyName: string;
  mfaRequired: boolean;
  /** YYYY-MM-DD in `deadlineZone`, or null. */
  deadlineDate: string | null;
  deadlineZone: string;
}

export const dashboardChannels = {
  /** From the console's copy, as of when the service last gave it, while the service cannot be used. */
  'dashboard:overview': channel(z.strictObject({}))<CompanyOverview & Freshness>(),
  /**
   * Enrollment by state, the deadline, who will be blocked at enforcement and recent lockouts; from the console's
   * copy while the service cannot be used.
   */
  'dashboard:report': channel(z.strictObject({}))<EnrollmentReport & Freshness>(),
  /** Enrolled users day by day (R-RPT-1) in the admin's calendar days, computed by the service from its audit log. */
  'dashboard:enrollment-history': channel(z.strictObject({ timeZone: timeZoneSchema }))<EnrollmentHistory>(),
  /**
   * A token that changes whenever the figures may have (a user, the policy, the company, the demo clock), answered
   * from main's copy without asking the service: the Dashboard polls it and reloads only when it changed.
   */
  'dashboard:revision': channel(z.strictObject({}))<{ revision: string }>(),
};
