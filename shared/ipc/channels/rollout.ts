/**
 * Rollout channels (R-RPT-2): the four messages with who reads each and when they go out, a preview of the wording
 * being edited for every group of readers, saving it, and the exports (plain text, .eml files, mail-merge CSV, and
 * the "will be blocked" list with each user's local enforcement time).
 */
import { z } from 'zod';
import type { RolloutWordingView } from '../../api/routes/admin-rollout';
import type { AccountType, MethodKind } from '../../domain/model';
import { ROLLOUT_LIMITS, ROLLOUT_MESSAGE_KINDS, type RolloutMessageKind } from '../../domain/rollout-template';
import { channel } from '../define';

export type { RolloutWordingView };

/** Who was left out of a message, and why. */
export interface RolloutLeftOut {
  inactive: number;
  sso: number;
  enrolled: number;
  unknownZone: number;
}

/** One message of the rollout, as the screen lists it. */
export interface RolloutMessageSummary {
  kind: RolloutMessageKind;
  /** Days before enforcement it goes out (null: the announcement, now). */
  daysBefore: number | null;
  /** When it goes out (epoch ms), null for the announcement. */
  sendAt: number | null;
  recipients: number;
  left: RolloutLeftOut;
  wording: RolloutWordingView;
}

/** Everything the Rollout screen opens with. */
export interface RolloutState {
  /** Null while the operator may change the wording; else why not. */
  editRefusal: string | null;
  policy: { required: boolean; deadlineDate: string | null; deadlineZone: string; enforcementAt: number | null; deadlineWords: string };
  /** Empty without a deadline (nothing to announce yet). */
  messages: RolloutMessageSummary[];
  placeholders: { name: string; description: string }[];
  /** Company time now (epoch ms), to tell which send dates are past. */
  now: number;
}

/** One group of readers who get the same words. */
export interface RolloutGroupPreview {
  zone: string;
  /** "Friday 15 January 2027, 14:00 your time". */
  moment: string;
  accountType: AccountType;
  methods: MethodKind[];
  recipients: number;
  /** The first few readers' names. */
  names: string[];
  subject: string;
  body: string;
}

/** The preview of wording being edited: every group's words, or what is wrong with the wording. */
export type RolloutPreview =
  | { ok: true; recipients: number; left: RolloutLeftOut; groups: RolloutGroupPreview[]; groupsTotal: number }
  | { ok: false; field: 'subject' | 'body'; message: string };

/** An export, ready to save: text, or bytes in base64 (the .eml zip). */
export interface RolloutExport {
  fileName: string;
  mimeType: string;
  text: string | null;
  base64: string | null;
  recipients: number;
  /** Files inside (the .eml zip), else 1. */
  files: number;
}

/** The wording as it stands in the editor. */
export const rolloutWordingRequest = z.strictObject({
  kind: z.enum(ROLLOUT_MESSAGE_KINDS),
  subject: z.string().max(ROLLOUT_LIMITS.subject * 2, { error: `Keep the subject under ${ROLLOUT_LIMITS.subject} characters.` }),
  body: z.string().max(ROLLOUT_LIMITS.body, { error: `Keep the message under ${ROLLOUT_LIMITS.body} characters.` }),
});

/** Export formats: plain text, .eml drafts (in a zip), mail-merge CSV. */
export const ROLLOUT_EXPORT_FORMATS = ['text', 'eml', 'csv'] as const;

export const rolloutChannels = {
  'rollout:get': channel(z.strictObject({}))<RolloutState>(),
  'rollout:preview': channel(rolloutWordingRequest)<RolloutPreview>(),
  'rollout:save': channel(rolloutWordingRequest)<RolloutWordingView>(),
  'rollout:restore-default': channel(z.strictObject({ kind: z.enum(ROLLOUT_MESSAGE_KINDS) }))<RolloutWordingView>(),
  'rollout:export': channel(rolloutWordingRequest.extend({ format: z.enum(ROLLOUT_EXPORT_FORMATS) }))<RolloutExport>(),
  /** Who will be blocked at enforcement (R-RPT-1), as CSV with each user's local enforcement time. */
  'rollout:blocked-csv': channel(z.strictObject({}))<{ fileName: string; csv: string; users: number }>(),
};
