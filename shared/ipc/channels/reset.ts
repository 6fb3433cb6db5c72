/** Verified MFA reset channels (R-RST-1..4): eligibility, the reset itself, and "Locked out?" triage. */
import { z } from 'zod';
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
  /** `timeZone`: the helpdesk's (this computer's) zone, for when a lock ends. */
  'reset:triage': channel(emailRequest.extend({ timeZone: timeZoneSchema }))<TriageResult>(),
};
