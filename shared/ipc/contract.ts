/**
 * The console's IPC contract: every channel the renderer may call, in one map.
 * Each feature declares its channels in `channels/<feature>.ts`; this file only merges them.
 */
import type { z } from 'zod';
import type { ChannelDef } from './define';
import { appChannels } from './channels/app';
import { dashboardChannels } from './channels/dashboard';
import { policyChannels } from './channels/policy';
import { directoryChannels } from './channels/directory';
import { resetChannels } from './channels/reset';
import { activityChannels } from './channels/activity';
import { auditChannels } from './channels/audit';
import { settingsChannels } from './channels/settings';
import { simulatorChannels } from './channels/simulator';
import { invitationChannels } from './channels/invitations';
import { auditWebhookChannels } from './channels/audit-webhook';
import { rolloutChannels } from './channels/rollout';

export const ipcContract = {
  ...appChannels,
  ...dashboardChannels,
  ...policyChannels,
  ...directoryChannels,
  ...resetChannels,
  ...activityChannels,
  ...auditChannels,
  ...settingsChannels,
  ...simulatorChannels,
  ...invitationChannels,
  ...auditWebhookChannels,
  ...rolloutChannels,
} as const;

export type IpcContract = typeof ipcContract;
/** Every channel name, e.g. 'dashboard:overview'. */
export type Channel = keyof IpcContract;
/** What the renderer sends on a channel (before validation). */
export type RequestOf<C extends Channel> = z.input<IpcContract[C]['request']>;
/** What main's handler receives on a channel (after validation). */
export type ParsedRequestOf<C extends Channel> = z.output<IpcContract[C]['request']>;
/** What the renderer gets back on success. */
export type ResponseOf<C extends Channel> = IpcContract[C] extends ChannelDef<z.ZodType, infer R> ? R : never;

/** The channel names as a list: the preload exposes exactly these, nothing generic. */
export const channelNames = Object.keys(ipcContract) as Channel[];

/** True when `name` is a channel of the contract (for untrusted input such as an HTTP path). */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(ipcContract, name);
}
