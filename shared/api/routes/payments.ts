/**
 * Payments step-up (R-PAY-1, R-PAY-2): a payments user passes a fresh MFA challenge at each touchpoint of the
 * Payments tool, and again after 30 minutes idle in it. A touchpoint other than `enter_payments` while away from the
 * tool (never entered, or idle too long) answers 403 with `details.reason = "payments_idle"`: enter again first.
 */
import { z } from 'zod';
import { defineRoute, Empty } from '../define';
import { MethodCode, MethodKind, SmsSent } from './mfa-common';

/** The moments a payments user must pass a challenge. */
export const PaymentsTouchpoint = z.enum(['enter_payments', 'disbursement', 'bank_account', 'agreement']);
export type PaymentsTouchpoint = z.infer<typeof PaymentsTouchpoint>;

const TouchpointParams = z.strictObject({ touchpoint: PaymentsTouchpoint });

/** Where the user stands in the Payments tool. */
export const PaymentsStatus = z.object({
  paymentsUser: z.boolean(),
  accountType: z.enum(['standard', 'payments_payor', 'payments_payee_admin']),
  /** Methods the user may answer a step-up with (payors: the app only; payee admins: SMS only on a US number). */
  methods: z.array(MethodKind),
  inTool: z.boolean(),
  /** When the tool will demand a new challenge if nothing happens; null when not in the tool. */
  idleExpiresAt: z.number().nullable(),
  idleMinutes: z.number().int(),
});

/** A passed step-up. */
export const StepUpPassed = z.object({ touchpoint: PaymentsTouchpoint, passedAt: z.number(), idleExpiresAt: z.number() });

export const paymentsRoutes = {
  paymentsStatus: defineRoute({
    method: 'GET',
    path: '/api/v1/payments/status',
    summary: 'Whether I am in the Payments tool and until when without a new challenge',
    tag: 'payments',
    auth: 'session',
    response: PaymentsStatus,
    errors: [],
  }),
  paymentsStepUpSms: defineRoute({
    method: 'POST',
    path: '/api/v1/payments/step-up/:touchpoint/sms',
    summary: 'Sends a step-up code to my phone for this touchpoint (payee admins with a US number)',
    tag: 'payments',
    auth: 'session',
    params: TouchpointParams,
    body: Empty,
    response: SmsSent,
    errors: ['forbidden', 'mfa_locked', 'rate_limited'],
  }),
  paymentsStepUp: defineRoute({
    method: 'POST',
    path: '/api/v1/payments/step-up/:touchpoint',
    summary:
      'Passes the challenge for a touchpoint: entering the tool, a disbursement, a bank account change, an agreement',
    tag: 'payments',
    auth: 'session',
    params: TouchpointParams,
    body: MethodCode,
    response: StepUpPassed,
    errors: ['bad_request', 'forbidden', 'unprocessable', 'mfa_locked', 'rate_limited'],
  }),
  paymentsActivity: defineRoute({
    method: 'POST',
    path: '/api/v1/payments/activity',
    summary: 'Records activity in the Payments tool; 403 payments_idle after 30 minutes idle (step up again)',
    tag: 'payments',
    auth: 'session',
    body: Empty,
    response: z.object({ idleExpiresAt: z.number() }),
    errors: ['forbidden'],
  }),
};
