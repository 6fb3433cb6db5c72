/**
 * The rollout messages as files (R-RPT-2): plain text (every group, with its readers), a mail-merge CSV (one row
 * per reader, written with the product's CSV writer), and .eml drafts in a zip.
 *
 * .eml: one file per group of readers who get the same words (same zone, account type and methods), at most
 * EML_MAX_RECIPIENTS readers each (the per-message cap of the big mail services), addressed To the admin with the
 * readers in Bcc, and marked `X-Unsent: 1` so mail programs open it as a draft to send. Per group rather than per
 * reader: the words within a group are the same, 100,000 readers make a few hundred files instead of 100,000, and no
 * reader sees another's address. Messages are built by nodemailer's MailComposer (RFC 5322 headers, encoded words
 * for non-ASCII subjects, quoted-printable UTF-8 text) and zipped with fflate.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import { strToU8, zipSync } from 'fflate';
import { csvLine } from '../../../shared/domain/csv';
import type { RolloutBatch, RolloutGroup } from '../../../shared/domain/rollout-messages';
import { ROLLOUT_MESSAGE_LABELS } from '../../../shared/domain/rollout-template';

/** Most readers in one .eml draft's Bcc. */
export const EML_MAX_RECIPIENTS = 500;

const ACCOUNT_WORDS: Record<RolloutGroup['accountType'], string> = {
  standard: 'standard accounts',
  payments_payor: 'payments payors',
  payments_payee_admin: 'payments payee admins',
};

/** "Readers in Asia/Tokyo (standard accounts, app only)". */
function groupTitle(group: RolloutGroup): string {
  const methods = group.methods.length > 1 ? 'app or SMS' : 'app only';
  return `Readers in ${group.moment.zone} (${ACCOUNT_WORDS[group.accountType]}, ${methods})`;
}

function leftOutLine(batch: RolloutBatch): string {
  const { inactive, sso, enrolled, unknownZone } = batch.left;
  const parts = [`${inactive} inactive`, `${sso} SSO users (their identity provider runs their MFA)`];
  if (batch.kind !== 'announcement') parts.push(`${enrolled} already set up`);
  if (unknownZone > 0) parts.push(`${unknownZone} with a time zone the console does not know (fix it in the Directory)`);
  return `Left out: ${parts.join(', ')}.`;
}

/** The whole message as plain text: a header, then each group with its moment, readers, subject and body. */
export function rolloutText(batch: RolloutBatch, context: { company: string; deadline: string; sendOn: string }): string {
  const rule = '='.repeat(72);
  const lines = [
    `${ROLLOUT_MESSAGE_LABELS[batch.kind]} — ${context.company}`,
    `Enforcement begins ${context.deadline} (${new Date(batch.enforcementAt).toISOString()}).`,
    `Send: ${context.sendOn}.`,
    `${batch.recipients} readers in ${batch.groups.length} groups. ${leftOutLine(batch)}`,
  ];
  for (const group of batch.groups) {
    lines.push('', rule, `${groupTitle(group)}: from ${group.moment.words}. ${group.readers.length} ${group.readers.length === 1 ? 'person' : 'people'}.`);
    lines.push(`To: ${group.readers.map((reader) => reader.email).join(', ')}`, rule, `Subject: ${group.subject}`, '', group.body);
  }
  return `${lines.join('\n')}\n`;
}

/** One row per reader: email, name, time zone, local date and time, subject and message. */
export function rolloutCsv(batch: RolloutBatch): string {
  const rows = [csvLine(['email', 'name', 'time_zone', 'local_date_time', 'subject', 'message'])];
  for (const group of batch.groups) {
    const when = `${group.moment.localDate} ${group.moment.localTime}`;
    for (const reader of group.readers) rows.push(csvLine([reader.email, reader.name, group.moment.zone, when, group.subject, group.body]));
  }
  return rows.join('');
}

/** A safe file-name part: letters, digits and dashes. */
function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The .eml drafts of every group (parts of at most EML_MAX_RECIPIENTS readers), zipped with a short read-me. */
export async function rolloutEmlZip(batch: RolloutBatch, sender: { email: string; name: string }, now: Date): Promise<{ zip: Uint8Array; files: number }> {
  const files: Record<string, Uint8Array> = {};
  let index = 0;
  for (const group of batch.groups) {
    const parts = Math.ceil(group.readers.length / EML_MAX_RECIPIENTS);
    for (let part = 0; part < parts; part++) {
      index += 1;
      const readers = group.readers.slice(part * EML_MAX_RECIPIENTS, (part + 1) * EML_MAX_RECIPIENTS);
      const node = new MailComposer({
        from: { name: sender.name, address: sender.email },
        to: { name: sender.name, address: sender.email },
        bcc: readers.map((reader) => ({ name: reader.name, address: reader.email })),
        subject: group.subject,
        text: group.body,
        date: now,
        textEncoding: 'quoted-printable',
        headers: { 'X-Unsent': '1' },
      }).compile();
      node.keepBcc = true;
      const message = await node.build();
      const suffix = parts > 1 ? `-part-${part + 1}-of-${parts}` : '';
      const name = `${String(index).padStart(3, '0')}-${slug(group.moment.zone)}-${slug(group.accountType)}-${group.methods.join('-')}${suffix}.eml`;
      files[name] = new Uint8Array(message);
    }
  }
  files['README.txt'] = strToU8(
    [
      `${ROLLOUT_MESSAGE_LABELS[batch.kind]}: ${index} drafts for ${batch.recipients} readers.`,
      '',
      'Each .eml file is one message for a group of readers who get the same words: the same time zone (so the same',
      `local enforcement moment), account type and methods. It is addressed to you, with at most ${EML_MAX_RECIPIENTS} readers in Bcc,`,
      'and marked as unsent: open it in your mail program, check it, and send it.',
      '',
      leftOutLine(batch),
      '',
    ].join('\r\n'),
  );
  return { zip: zipSync(files, { level: 6 }), files: index };
}
