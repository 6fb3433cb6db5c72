/**
 * Demo tools for the enrollment simulator (R-CON-2): the SMS outbox, the company's simulated clock, the demo
 * people's MFA state and reset. Only for an operator of the demo company with Admin on both Company Admin and
 * Directory, only in a service that runs demo tools (the console's embedded service, or a standalone one started
 * with `--demo`), and only on the seeded demo people; otherwise 403 with `details.reason`.
 */
import { z } from 'zod';
import { defineRoute, Empty } from '../define';
import { MethodKind } from './mfa-common';

/** One text message the service "sent". */
export const OutboxMessage = z.object({
  id: z.string(),
  seq: z.number().int().describe('Increasing; ask for messages after the last one seen'),
  to: z.string().describe('E.164 number'),
  userId: z.string(),
  userEmail: z.string(),
  body: z.string(),
  code: z.string().describe('The 6-digit code in the body'),
  sentAt: z.number().describe('Company time'),
  expiresAt: z.number(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

/** The company's simulated clock. */
export const DemoClock = z.object({
  offsetMs: z.number().int(),
  companyNow: z.number().describe('Real time plus the offset: what every rule of this company uses'),
  realNow: z.number(),
  shiftRefusal: z
    .string()
    .nullable()
    .describe('Why the clock may not leave real time now (the company holds people who are not demo people), or null'),
});
export type DemoClock = z.infer<typeof DemoClock>;

/** A demo user as the simulator's picker shows them. */
export const DemoUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: z.enum(['active', 'inactive']),
  country: z.string(),
  timeZone: z.string(),
  accountType: z.enum(['standard', 'payments_payor', 'payments_payee_admin']),
  sso: z.boolean(),
  methods: z.array(MethodKind),
  phoneMasked: z.string().nullable(),
  hasRecoveryCode: z.boolean(),
  lockedUntil: z.number().nullable(),
  alwaysRequireMfa: z.boolean(),
  /** False for invited people who have not set a password yet (R-DIR-5): they start from their invitation email. */
  hasPassword: z.boolean(),
});
export type DemoUser = z.infer<typeof DemoUser>;

const UserParams = z.strictObject({ userId: z.string().min(1).max(100) });
const DEMO_ERRORS = ['forbidden'] as const;

export const demoRoutes = {
  demoSmsOutbox: defineRoute({
    method: 'GET',
    path: '/api/v1/demo/sms-outbox',
    summary: 'Text messages sent to the seeded demo people (newest last), after `afterSeq` when given',
    tag: 'demo',
    auth: 'operator',
    query: z.strictObject({ afterSeq: z.coerce.number().int().min(0).optional() }),
    response: z.object({ messages: z.array(OutboxMessage) }),
    errors: [...DEMO_ERRORS],
  }),
  demoClock: defineRoute({
    method: 'GET',
    path: '/api/v1/demo/clock',
    summary: "The demo company's simulated clock",
    tag: 'demo',
    auth: 'operator',
    response: DemoClock,
    errors: [...DEMO_ERRORS],
  }),
  demoClockSet: defineRoute({
    method: 'PUT',
    path: '/api/v1/demo/clock',
    summary:
      'Shifts the simulated clock (e.g. past the deadline); 0 returns to real time. Refused (403 not_only_demo_people) while the company holds anyone but the demo people; audited',
    tag: 'demo',
    auth: 'operator',
    body: z.strictObject({
      offsetMs: z
        .number({ error: 'Give the shift in milliseconds.' })
        .int({ error: 'Give the shift in whole milliseconds.' })
        .min(-3_650 * 86_400_000, { error: 'Shift the clock by at most ten years.' })
        .max(3_650 * 86_400_000, { error: 'Shift the clock by at most ten years.' }),
    }),
    response: DemoClock,
    errors: [...DEMO_ERRORS],
  }),
  demoUsers: defineRoute({
    method: 'GET',
    path: '/api/v1/demo/users',
    summary: "Every seeded demo person with their MFA state, for the simulator's picker",
    tag: 'demo',
    auth: 'operator',
    response: z.object({ users: z.array(DemoUser) }),
    errors: [...DEMO_ERRORS],
  }),
  demoUserReset: defineRoute({
    method: 'POST',
    path: '/api/v1/demo/users/:userId/reset',
    summary:
      'Puts a demo person back to not enrolled: no methods, no recovery code, unlocked, signed out; never the caller; audited with before/after',
    tag: 'demo',
    auth: 'operator',
    params: UserParams,
    body: Empty,
    response: DemoUser,
    errors: [...DEMO_ERRORS, 'not_found'],
  }),
  demoAuthenticator: defineRoute({
    method: 'GET',
    path: '/api/v1/demo/users/:userId/authenticator',
    summary: "A demo person's authenticator account (key URI), so the simulated phone can show its codes; audited",
    tag: 'demo',
    auth: 'operator',
    params: UserParams,
    response: z.object({ keyUri: z.string() }),
    errors: [...DEMO_ERRORS, 'not_found'],
  }),
};
