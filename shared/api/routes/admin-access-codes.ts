/**
 * Admin API: temporary access codes (R-RST-6). After the verified checklist, helpdesk (or an admin on both tools)
 * issues a one-time code for a user who lost their device; it is shown once and only its hash is kept. Refused where
 * a reset is refused, with the same reasons and contacts (R-RST-2).
 */
import { z } from 'zod';
import { VERIFIED_LABELS } from '../../domain/reset-evidence';
import { ACCESS_CODE_HOURS, accessCodeHoursSchema } from '../../domain/temporary-access-code';
import { defineRoute } from '../define';
import { ResetEligibility, lookupBody, verifiedFields } from './admin-reset';

/** The request: the exact email, the checks confirmed (as for a reset), and how long the code stays valid. */
export const AccessCodeBody = z.strictObject({
  ...verifiedFields,
  verified: z.literal(true, { error: `Tick “${VERIFIED_LABELS.access_code}” before issuing the code.` }),
  validHours: accessCodeHoursSchema.default(ACCESS_CODE_HOURS.default).describe('Hours the code stays valid: 1 to 72, 8 when left out'),
});
export type AccessCodeBody = z.input<typeof AccessCodeBody>;

/** The code, shown this once: the service keeps only its hash. */
export const AccessCodeIssued = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), timeZone: z.string() }),
  /** Grouped with dashes (`ABCD-EFGH-JKLM-NPQR`), for reading out and copying. */
  code: z.string(),
  issuedAt: z.number(),
  expiresAt: z.number(),
  /** True when a code issued earlier and not used was revoked by this one. */
  replaced: z.boolean(),
  /** While their verification is locked the code cannot be used either: when the lock ends, else null. */
  lockedUntil: z.number().nullable(),
});
export type AccessCodeIssued = z.infer<typeof AccessCodeIssued>;

const userIdParams = z.strictObject({ id: z.string().min(1).max(100) });

/** Temporary access code routes: eligibility, issue, revoke. */
export const adminAccessCodeRoutes = {
  adminAccessCodeEligibility: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/access-codes/eligibility',
    summary: 'May this operator issue a temporary access code for this email? Each refusal with its reason and whom to contact',
    tag: 'admin-access-codes',
    auth: 'operator',
    body: lookupBody,
    response: ResetEligibility,
    errors: ['forbidden'],
  }),
  adminAccessCodeIssue: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/access-codes',
    summary: 'Issue a one-time temporary access code after the identity checklist (revokes an unused earlier one); shown once; audited',
    tag: 'admin-access-codes',
    auth: 'operator',
    body: AccessCodeBody,
    response: AccessCodeIssued,
    errors: ['bad_request', 'forbidden', 'not_found', 'conflict', 'unprocessable'],
  }),
  adminAccessCodeRevoke: defineRoute({
    method: 'POST',
    path: '/api/v1/admin/users/:id/access-code/revoke',
    summary: 'Withdraw the temporary access code a user has not used yet; audited',
    tag: 'admin-access-codes',
    auth: 'operator',
    params: userIdParams,
    body: z.strictObject({}),
    response: z.object({ revoked: z.boolean() }),
    errors: ['forbidden', 'not_found'],
  }),
};
