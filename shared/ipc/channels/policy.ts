/** MFA policy channels (R-POL-1..7): the policy, the live time-zone preview, saving, and the history of changes. */
import { z } from 'zod';
import type { PolicyHistoryEntry, PolicyView, TzPreviewResponse } from '../../api/routes/admin-policy';
import { PolicyUpdateBody } from '../../api/routes/admin-policy';
import { channel } from '../define';
import type { Freshness } from './app';

/** The policy as the Policy view opens it (from the console's copy, with when, while the service cannot be used). */
export interface PolicyState extends Freshness {
  policy: PolicyView;
  /** False when the operator lacks Admin on Company Admin and Directory (R-POL-1): the form is read-only. */
  canChange: boolean;
  operatorEmail: string | null;
  /** Active users in the directory, from the cache. */
  activeUsers: number;
}

/** The preview, computed in main from the cached directory (or by the service while the cache is empty). */
export type PolicyPreview = TzPreviewResponse & {
  /** `cache`: counted from main's copy of the directory; `service`: asked of the service. */
  source: 'cache' | 'service';
  tookMs: number;
};

/** What a save did. */
export interface PolicySaved {
  policy: PolicyView;
  /** Names of the settings that changed. */
  changed: string[];
}

export const policyPreviewRequest = z.strictObject({
  date: z.string().max(10),
  zone: z.string().max(64),
  extraZones: z.array(z.string().max(64)).max(50).default([]),
  /** Warnings as if MFA were required (the toggle's current value). */
  required: z.boolean().default(true),
});

export const policyChannels = {
  'policy:get': channel(z.strictObject({}))<PolicyState>(),
  'policy:preview': channel(policyPreviewRequest)<PolicyPreview>(),
  'policy:save': channel(PolicyUpdateBody)<PolicySaved>(),
  /** Every time zone by its canonical IANA name (Asia/Kolkata, Europe/Kyiv), for the zone pickers. */
  'policy:time-zones': channel(z.strictObject({}))<{ zones: string[] }>(),
  /** The canonical name of a zone typed by its name or an alias (Asia/Calcutta → Asia/Kolkata); 400 when unknown. */
  'policy:time-zone': channel(z.strictObject({ name: z.string().max(64) }))<{ zone: string }>(),
  /** The changes, newest first; while the service cannot be used, the ones this console has seen. */
  'policy:history': channel(z.strictObject({ cursor: z.string().max(500).optional(), limit: z.number().int().min(1).max(200).default(50) }))<
    { entries: PolicyHistoryEntry[]; nextCursor: string | null } & Freshness
  >(),
};
