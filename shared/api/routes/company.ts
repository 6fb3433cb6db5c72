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

/** The operator behind a session: who the console acts as. */
export const Operator = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  companyAdmin: z.enum(['none', 'read_only', 'standard', 'admin']),
  directory: z.enum(['none', 'read_only', 'standard', 'admin']),
  /** The Helpdesk permission (R-RST-5). */
  helpdesk: z.boolean(),
});
export type Operator = z.infer<typeof Operator>;

export const companyRoutes = {
  me: defineRoute({
    method: 'GET',
    path: '/api/v1/me',
    summary: 'The operator behind this session, their permissions on the two admin tools and the Helpdesk permission',
    tag: 'company',
    auth: 'operator',
    response: Operator,
    errors: ['unauthorized', 'forbidden'],
  }),
  companyOverview: defineRoute({
    method: 'GET',
    path: '/api/v1/company',
    summary: "The operator's company and whether MFA is required",
    tag: 'company',
    auth: 'operator',
    response: CompanyOverview,
    errors: ['unauthorized', 'forbidden'],
  }),
};
