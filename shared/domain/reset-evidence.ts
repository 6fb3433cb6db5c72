/**
 * R-RST-1/3: the verified reset workflow. The operator ticks the identity checks they did (the company's
 * checklist), types what a check records (the helpdesk ticket number, …) and must confirm "I have verified the
 * user's request to reset MFA". The evidence records each check with the label it had at that moment, so the audit
 * log stays readable after the checklist changes.
 */
import type { DomainPolicy, ResetCheckItem } from './policy';
import type { VerifiedAction } from './reset-eligibility';

/** The box the operator ticks once they checked who is asking, for each verified action (R-RST-1, R-RST-6). */
export const VERIFIED_LABELS: Readonly<Record<VerifiedAction, string>> = {
  reset: "I have verified the user's request to reset MFA",
  access_code: "I have verified the user's request for a temporary access code",
};

/** What the operator submitted. */
export interface ResetRequest {
  /** Ids of the checklist items the operator ticked. */
  readonly checkedIds: readonly string[];
  /** What the operator typed for checks that record something, by check id. */
  readonly values?: Readonly<Record<string, string>>;
  /** "I have verified the user's request to reset MFA". */
  readonly confirmed: boolean;
}

/** One check as stored in the audit log. */
export type ResetCheckEvidence = ResetCheckItem & { readonly checked: boolean; readonly value?: string };

/** What is stored with the reset in the audit log. */
export interface ResetEvidence {
  readonly confirmed: true;
  readonly checks: readonly ResetCheckEvidence[];
}

/** The evidence, or why the request cannot go ahead. */
export type ResetEvidenceResult =
  | { readonly ok: true; readonly evidence: ResetEvidence }
  | {
      readonly ok: false;
      readonly reason: 'not_confirmed' | 'unknown_check' | 'value_missing';
      readonly message: string;
      /** The checks whose value is missing (for `value_missing`). */
      readonly missing?: readonly string[];
    };

/** The ticked checks that record something but whose value is empty: a ticked "ticket number" needs the number. */
export function checksMissingValue(checklist: readonly ResetCheckItem[], checkedIds: readonly string[], values: Readonly<Record<string, string>>): ResetCheckItem[] {
  const checked = new Set(checkedIds);
  return checklist.filter((item) => item.record !== undefined && checked.has(item.id) && (values[item.id] ?? '').trim() === '');
}

/** Build the audit evidence of a reset (or temporary access code) request against the company's current checklist. */
export function resetEvidence(policy: Pick<DomainPolicy, 'resetChecklist'>, request: ResetRequest, action: VerifiedAction = 'reset'): ResetEvidenceResult {
  if (!request.confirmed) {
    return { ok: false, reason: 'not_confirmed', message: `Tick "${VERIFIED_LABELS[action]}" once you have checked who is asking.` };
  }
  const known = new Set(policy.resetChecklist.map((item) => item.id));
  if (request.checkedIds.some((id) => !known.has(id))) {
    return {
      ok: false,
      reason: 'unknown_check',
      message: 'The identity checklist changed while you were working. Reload it, tick the checks again and retry.',
    };
  }
  const values = request.values ?? {};
  const missing = checksMissingValue(policy.resetChecklist, request.checkedIds, values);
  if (missing.length > 0) {
    return {
      ok: false,
      reason: 'value_missing',
      message: `Type ${missing.map((item) => `the ${item.record?.toLowerCase() ?? 'value'} for "${item.label}"`).join(', and ')}.`,
      missing: missing.map((item) => item.id),
    };
  }
  const checked = new Set(request.checkedIds);
  return {
    ok: true,
    evidence: {
      confirmed: true,
      checks: policy.resetChecklist.map((item) => {
        const value = checked.has(item.id) && item.record !== undefined ? values[item.id]?.trim() : undefined;
        return { id: item.id, label: item.label, ...(item.record !== undefined ? { record: item.record } : {}), checked: checked.has(item.id), ...(value ? { value } : {}) };
      }),
    },
  };
}
