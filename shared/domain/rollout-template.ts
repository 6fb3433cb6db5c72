/**
 * R-RPT-2 rollout messages: the wording an admin writes once, with placeholders the console fills in per reader
 * (their own enforcement moment, the steps they will see, whom they ask for help). `{name}` is a placeholder, `{{`
 * and `}}` are literal braces. A template is refused, with a message that names the problem, when it holds a
 * placeholder nobody knows, a brace left open, or no word of when enforcement begins for the reader.
 */

/** The four messages of a rollout: the announcement and the reminders 30, 7 and 1 days before enforcement. */
export const ROLLOUT_MESSAGE_KINDS = ['announcement', 'reminder_30', 'reminder_7', 'reminder_1'] as const;
/** One of the four messages. */
export type RolloutMessageKind = (typeof ROLLOUT_MESSAGE_KINDS)[number];

/** How many days before enforcement a reminder goes out (null: the announcement goes out now). */
export const ROLLOUT_DAYS_BEFORE: Readonly<Record<RolloutMessageKind, number | null>> = {
  announcement: null,
  reminder_30: 30,
  reminder_7: 7,
  reminder_1: 1,
};

/** What the console calls each message. */
export const ROLLOUT_MESSAGE_LABELS: Readonly<Record<RolloutMessageKind, string>> = {
  announcement: 'Announcement',
  reminder_30: 'Reminder, 30 days before',
  reminder_7: 'Reminder, 7 days before',
  reminder_1: 'Reminder, 1 day before',
};

/** Every placeholder, with what it becomes for a reader. */
export const ROLLOUT_PLACEHOLDERS = {
  company: 'Your company’s name',
  enforcement: 'When MFA is required, in the reader’s own time: “Thursday 14 January 2027, 21:00 your time”',
  enforcement_date: 'The reader’s local date of that moment: “Thursday 14 January 2027”',
  enforcement_time: 'The reader’s local time of that moment: “21:00”',
  time_zone: 'The reader’s time zone: “Asia/Tokyo”',
  deadline: 'The deadline as the policy states it: “Friday 15 January 2027, 00:00 in America/New_York”',
  days_left: 'Days from the message to the deadline: “30 days”',
  methods: 'The methods this reader may set up: “an authenticator app or text messages (SMS)”',
  steps: 'The first-time set-up steps this reader will see, numbered',
  recovery: 'What the recovery code is for and how to keep it',
  contact: 'Whom this reader asks for help: “your company admin”, “Payments support”',
} as const;
/** A placeholder's name. */
export type RolloutPlaceholder = keyof typeof ROLLOUT_PLACEHOLDERS;

/** What changing the wording is called in its refusal ("… needs Admin permission on both tools"). */
export const ROLLOUT_WORDING_WHAT = 'Changing the wording of the rollout messages';

/** Longest subject and body the console accepts. */
export const ROLLOUT_LIMITS = { subject: 200, body: 10_000 } as const;

/** A template read into literal text and placeholders. */
export type TemplatePart = { readonly text: string } | { readonly placeholder: RolloutPlaceholder };

/** The template read, or why it is refused (with the offset of the problem in the text). */
export type ParsedTemplate = { readonly ok: true; readonly parts: readonly TemplatePart[] } | { readonly ok: false; readonly message: string; readonly at: number };

const KNOWN = new Set<string>(Object.keys(ROLLOUT_PLACEHOLDERS));
const knownList = (): string => Object.keys(ROLLOUT_PLACEHOLDERS).map((name) => `{${name}}`).join(', ');

/** Reads `text` (`what` names it in refusals: "The subject", "The message"). */
export function parseTemplate(text: string, what = 'The message'): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if ((char === '{' || char === '}') && text[i + 1] === char) {
      literal += char;
      i += 1;
      continue;
    }
    if (char === '}') return { ok: false, at: i, message: `${what} has a “}” that closes nothing. Write “}}” for a brace, or remove it.` };
    if (char !== '{') {
      literal += char;
      continue;
    }
    const close = text.indexOf('}', i + 1);
    const open = text.indexOf('{', i + 1);
    if (close < 0 || (open >= 0 && open < close)) {
      return { ok: false, at: i, message: `${what} has a “{” that is never closed. Close the placeholder with “}”, or write “{{” for a brace.` };
    }
    const name = text.slice(i + 1, close).trim();
    if (!KNOWN.has(name)) {
      return {
        ok: false,
        at: i,
        message: `${what} uses {${name}}, which is not a placeholder the console knows. Use one of ${knownList()}, or write “{{” and “}}” for braces.`,
      };
    }
    if (literal) parts.push({ text: literal });
    literal = '';
    parts.push({ placeholder: name as RolloutPlaceholder });
    i = close;
  }
  if (literal) parts.push({ text: literal });
  return { ok: true, parts };
}

/** The placeholders a template uses. */
export function placeholdersOf(parts: readonly TemplatePart[]): Set<RolloutPlaceholder> {
  return new Set(parts.flatMap((part) => ('placeholder' in part ? [part.placeholder] : [])));
}

/** A rollout message's wording, read and checked: subject and body. */
export type CheckedRolloutTemplate =
  | { readonly ok: true; readonly subject: readonly TemplatePart[]; readonly body: readonly TemplatePart[] }
  | { readonly ok: false; readonly field: 'subject' | 'body'; readonly message: string };

/**
 * Checks a message's wording: the subject one line of at most 200 characters, the body at most 10,000, both with
 * known placeholders only, and the moment enforcement begins named for the reader in one of them.
 */
export function checkRolloutTemplate(input: { readonly subject: string; readonly body: string }): CheckedRolloutTemplate {
  const subjectText = input.subject.trim();
  if (subjectText === '') return { ok: false, field: 'subject', message: 'Write a subject for the message.' };
  if (/[\r\n]/.test(subjectText)) return { ok: false, field: 'subject', message: 'Keep the subject on one line.' };
  if (subjectText.length > ROLLOUT_LIMITS.subject) return { ok: false, field: 'subject', message: `Keep the subject under ${ROLLOUT_LIMITS.subject} characters.` };
  if (input.body.trim() === '') return { ok: false, field: 'body', message: 'Write the message.' };
  if (input.body.length > ROLLOUT_LIMITS.body) return { ok: false, field: 'body', message: `Keep the message under ${ROLLOUT_LIMITS.body.toLocaleString('en')} characters.` };
  const subject = parseTemplate(subjectText, 'The subject');
  if (!subject.ok) return { ok: false, field: 'subject', message: subject.message };
  const body = parseTemplate(input.body, 'The message');
  if (!body.ok) return { ok: false, field: 'body', message: body.message };
  const used = new Set([...placeholdersOf(subject.parts), ...placeholdersOf(body.parts)]);
  if (!used.has('enforcement') && !(used.has('enforcement_date') && used.has('enforcement_time'))) {
    return {
      ok: false,
      field: 'body',
      message: 'The message must say when MFA becomes required for the reader: put {enforcement} in it (or both {enforcement_date} and {enforcement_time}).',
    };
  }
  return { ok: true, subject: subject.parts, body: body.parts };
}

/** Fills a read template with a reader's values. */
export function renderTemplate(parts: readonly TemplatePart[], values: Readonly<Record<RolloutPlaceholder, string>>): string {
  return parts.map((part) => ('text' in part ? part.text : values[part.placeholder])).join('');
}
