/**
 * Verified helpdesk channels (R-RST-1..6): reset eligibility and the reset itself, temporary access codes, and
 * "Locked out?" triage.
 */
import { z } from 'zod';
import type { AccessCodeIssued } from '../../api/routes/admin-access-codes';
import { AccessCodeBody } from '../../api/routes/admin-access-codes';
import type { ResetEligibility, ResetResult, TriageResult } from '../../api/routes/admin-reset';
import { ResetBody } from '../../api/routes/admin-reset';
import { timeZoneSchema } from '../../domain/model';
import { channel } from '../define';

const emailRequest = z.strictObject({
  email: z.string().trim().min(1, { error: 'Type the user’s email.' }).max(254, { error: 'That email is too long.' }),
});

export const resetChannels = {
  /** `timeZone`: the helpdesk's (this computer's) zone, for when a lock ends. */
  'reset:eligibility': channel(emailRequest.extend({ timeZone: timeZoneSchema }))<ResetEligibility>(),
  'reset:perform': channel(ResetBody)<ResetResult>(),
  /** May this operator issue a temporary access code for this email (R-RST-6)? `timeZone` as above. */
  'reset:access-code-eligibility': channel(emailRequest.extend({ timeZone: timeZoneSchema }))<ResetEligibility>(),
  'reset:issue-access-code': channel(AccessCodeBody)<AccessCodeIssued>(),
  /** `timeZone`: the helpdesk's (this computer's) zone, for when a lock ends. */
  'reset:triage': channel(emailRequest.extend({ timeZone: timeZoneSchema }))<TriageResult>(),
};
