/** The company as an operator sees it: name and MFA policy headline. */
import { z } from 'zod';
import { defineRoute } from '../define';

export const CompanyOverview = z.object({
  id: z.string(),
  name: z.string(),
  ssoDomains: z.array(z.string()),
  mfaRequired: z.boolean(),
  deadlineDate: z.string().nullable(),
  deadlineZone: z.string(),
  isDemo: z.boolean(),
});
export type CompanyOverview = z.infer<typeof CompanyOverview>;

export const companyRoutes = {
  companyOverview: defineRoute({
    method: 'GET',
    path: '/api/v1/company',
    summary: "The operator's company and whether MFA is required",
    tag: 'company',
    auth: 'operator',
    response: CompanyOverview,
    errors: ['unauthorized'],
  }),
};
