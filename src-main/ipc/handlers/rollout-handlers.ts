/**
 * Handlers of the rollout channels (R-RPT-2). The wording is kept by the service; the messages are built here, from
 * main's copy of the directory and the service's policy, with the shared rules (`buildRolloutBatch`: who reads what,
 * each reader's enforcement moment from the time-zone preview), then written as files.
 */
import { csvLine } from '../../../shared/domain/csv';
import { willBeBlocked } from '../../../shared/domain/enrollment-report';
import { adminOnBothRefusal, hasAdminOnBothTools } from '../../../shared/domain/permissions';
import { buildRolloutBatch, deadlineWords, enforcementMoments, type RolloutBatch } from '../../../shared/domain/rollout-messages';
import { ROLLOUT_DAYS_BEFORE, ROLLOUT_WORDING_WHAT, checkRolloutTemplate, type RolloutMessageKind } from '../../../shared/domain/rollout-template';
import { localTimeZone } from '../../../shared/domain/time-zone';
import type { RolloutExport, RolloutGroupPreview } from '../../../shared/ipc/channels/rollout';
import type { ConsoleCache } from '../../console/cache/console-cache';
import type { ConsoleRuntime } from '../../console/console-runtime';
import { rolloutCsv, rolloutEmlZip, rolloutText } from '../../console/rollout/rollout-files';
import { ConsoleError } from '../console-error';
import type { Handlers } from '../dispatch';

type RolloutChannels = Extract<keyof Handlers, `rollout:${string}`>;

/** Groups shown in a preview (the exports hold them all). */
const PREVIEW_GROUPS = 200;
const NAMES_SHOWN = 3;

/** `rollout:*` channels. */
export function createRolloutHandlers(runtime: ConsoleRuntime, cache: ConsoleCache): Pick<Handlers, RolloutChannels> {
  /** The directory, the company and the service's current policy. */
  async function context() {
    await cache.whenReady();
    const policy = await runtime.client().call('adminPolicyGet', {});
    cache.setPolicy(policy);
    const company = cache.company;
    if (!company) throw new ConsoleError('service_unavailable', 'The directory has not loaded yet. Wait a moment and try again.');
    return { policy, company, readers: cache.index.all(), now: cache.now() };
  }

  function noDeadline(): ConsoleError {
    return new ConsoleError('no_deadline', 'The MFA policy has no enforcement deadline yet, so there is no moment to announce. Pick one in MFA Policy first.');
  }

  /** The batch for wording as typed, or the wording's problem. */
  function batchOf(ctx: Awaited<ReturnType<typeof context>>, kind: RolloutMessageKind, wording: { subject: string; body: string }) {
    const template = checkRolloutTemplate(wording);
    if (!template.ok) return template;
    const batch = buildRolloutBatch({ kind, template, readers: ctx.readers, company: ctx.company, policy: ctx.policy, now: ctx.now });
    if (!batch) throw noDeadline();
    return { ok: true as const, batch };
  }

  function sendOn(batch: RolloutBatch): string {
    if (batch.sendAt === null) return 'now, at least 30 days before enforcement';
    const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: localTimeZone() }).format(batch.sendAt);
    return `${date} (${ROLLOUT_DAYS_BEFORE[batch.kind]} days before enforcement, ${localTimeZone()})`;
  }

  return {
    'rollout:get': async () => {
      const ctx = await context();
      const [{ messages, placeholders }, me] = await Promise.all([runtime.client().call('adminRolloutWordingList', {}), runtime.client().call('me', {})]);
      const summaries = [];
      for (const wording of messages) {
        const result = batchOf(ctx, wording.kind, wording);
        if (!result.ok) continue;
        const { batch } = result;
        summaries.push({ kind: wording.kind, daysBefore: ROLLOUT_DAYS_BEFORE[wording.kind], sendAt: batch.sendAt, recipients: batch.recipients, left: batch.left, wording });
      }
      return {
        editRefusal: hasAdminOnBothTools(me) ? null : adminOnBothRefusal(ROLLOUT_WORDING_WHAT),
        policy: {
          required: ctx.policy.required,
          deadlineDate: ctx.policy.deadlineDate,
          deadlineZone: ctx.policy.deadlineZone,
          enforcementAt: ctx.policy.enforcementAt,
          deadlineWords: deadlineWords(ctx.policy),
        },
        messages: ctx.policy.deadlineDate === null ? [] : summaries,
        placeholders,
        now: ctx.now,
      };
    },

    'rollout:preview': async ({ kind, subject, body }) => {
      const result = batchOf(await context(), kind, { subject, body });
      if (!result.ok) return result;
      const { batch } = result;
      const groups: RolloutGroupPreview[] = batch.groups.slice(0, PREVIEW_GROUPS).map((group) => ({
        zone: group.moment.zone,
        moment: group.moment.words,
        accountType: group.accountType,
        methods: [...group.methods],
        recipients: group.readers.length,
        names: group.readers.slice(0, NAMES_SHOWN).map((reader) => reader.name),
        subject: group.subject,
        body: group.body,
      }));
      return { ok: true, recipients: batch.recipients, left: batch.left, groups, groupsTotal: batch.groups.length };
    },

    'rollout:save': ({ kind, subject, body }) => runtime.client().call('adminRolloutWordingUpdate', { params: { kind }, body: { subject, body } }),

    'rollout:restore-default': ({ kind }) => runtime.client().call('adminRolloutWordingReset', { params: { kind } }),

    'rollout:export': async ({ kind, subject, body, format }): Promise<RolloutExport> => {
      const ctx = await context();
      const result = batchOf(ctx, kind, { subject, body });
      if (!result.ok) throw new ConsoleError('bad_request', result.message, { fields: { [result.field]: result.message } });
      const { batch } = result;
      if (batch.recipients === 0) throw new ConsoleError('unprocessable', 'Nobody reads this message: everyone it would go to is inactive, an SSO user, or already set up.');
      const base = `rollout-${kind.replace('_', '-')}-${ctx.policy.deadlineDate ?? ''}`;
      if (format === 'text') {
        const text = rolloutText(batch, { company: ctx.company.name, deadline: deadlineWords(ctx.policy), sendOn: sendOn(batch) });
        return { fileName: `${base}.txt`, mimeType: 'text/plain;charset=utf-8', text, base64: null, recipients: batch.recipients, files: 1 };
      }
      if (format === 'csv') {
        return { fileName: `${base}-mail-merge.csv`, mimeType: 'text/csv;charset=utf-8', text: rolloutCsv(batch), base64: null, recipients: batch.recipients, files: 1 };
      }
      const me = await runtime.client().call('me', {});
      const { zip, files } = await rolloutEmlZip(batch, { email: me.email, name: me.name }, new Date());
      return { fileName: `${base}-eml.zip`, mimeType: 'application/zip', text: null, base64: Buffer.from(zip).toString('base64'), recipients: batch.recipients, files };
    },

    'rollout:blocked-csv': async () => {
      const ctx = await context();
      const blocked = ctx.readers.filter((reader) => willBeBlocked(reader, ctx.company));
      const moments = enforcementMoments(ctx.policy, new Set(blocked.map((reader) => reader.timeZone)));
      if (!moments) throw noDeadline();
      const rows = [csvLine(['email', 'name', 'time_zone', 'enforcement_local', 'local_date', 'local_time', 'account_type', 'last_sign_in_at'])];
      for (const reader of [...blocked].sort((a, b) => a.name.localeCompare(b.name))) {
        const moment = moments.byZone.get(reader.timeZone);
        rows.push(
          csvLine([
            reader.email,
            reader.name,
            reader.timeZone,
            moment ? `${moment.dateWords}, ${moment.localTime}` : 'unknown time zone',
            moment?.localDate ?? '',
            moment?.localTime ?? '',
            reader.accountType,
            reader.lastSignInAt === null ? '' : new Date(reader.lastSignInAt).toISOString(),
          ]),
        );
      }
      return { fileName: `will-be-blocked-${ctx.policy.deadlineDate ?? ''}.csv`, csv: rows.join(''), users: blocked.length };
    },
  };
}
