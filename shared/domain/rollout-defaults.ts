/**
 * The wording of the rollout messages before an admin changes it (R-RPT-2), after the guide's advice: announce 30
 * days ahead, say when in the reader's own time, give the first-time set-up steps and the recovery code, keep codes
 * private, and say whom to contact.
 */
import type { RolloutMessageKind } from './rollout-template';

/** A message's wording: subject and body, with placeholders. */
export interface RolloutWording {
  readonly subject: string;
  readonly body: string;
}

const HOW = `{steps}

{recovery}

Keep your codes private: never share them with anyone. Nobody from {company} will ever ask you for them.

Questions, or locked out? Contact {contact}.`;

/** The default wording of each message. */
export const DEFAULT_ROLLOUT_WORDING: Readonly<Record<RolloutMessageKind, RolloutWording>> = {
  announcement: {
    subject: '{company} will require two-factor authentication from {enforcement_date}',
    body: `Hello,

To protect your account and our data, {company} is turning on two-factor authentication (also called multi-factor authentication, MFA). From {enforcement}, you will need your phone as well as your password to sign in.

You can set it up today, at your own pace: it takes about a minute. You can use {methods}.

${HOW}`,
  },
  reminder_30: {
    subject: 'Reminder: two-factor authentication is required from {enforcement_date}',
    body: `Hello,

In {days_left}, from {enforcement}, {company} will ask you to set up two-factor authentication before you can sign in. You have not set it up yet: do it now, at your own pace, with {methods}.

${HOW}`,
  },
  reminder_7: {
    subject: 'One week left: set up two-factor authentication before {enforcement_date}',
    body: `Hello,

From {enforcement} (in {days_left}), you will not be able to sign in to {company} without two-factor authentication. It takes about a minute with {methods}.

${HOW}`,
  },
  reminder_1: {
    subject: 'Tomorrow: two-factor authentication is required from {enforcement}',
    body: `Hello,

From {enforcement}, {company} requires two-factor authentication at every sign-in. Set it up now so you are not held up tomorrow: you need your phone and about a minute.

${HOW}`,
  },
};
