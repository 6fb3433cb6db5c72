/** Dashboard channels. */
import { z } from 'zod';
import { channel } from '../define';

/** The first real slice: the company and whether MFA is required (R-POL-2). */
export interface CompanyOverview {
  companyName: string;
  mfaRequired: boolean;
  /** YYYY-MM-DD in `deadlineZone`, or null. */
  deadlineDate: string | null;
  deadlineZone: string;
}

export const dashboardChannels = {
  'dashboard:overview': channel(z.strictObject({}))<CompanyOverview>(),
};
