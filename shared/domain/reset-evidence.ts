/**
 * R-RST-1/3: the verified reset workflow. The operator ticks the identity checks they did (the company's
 * checklist) and must confirm "I have verified the user's request to reset MFA". The evidence records each check
 * with the label it had at that moment, so the audit log stays readable after the checklist changes.
 */
import type { DomainPolicy, ResetCheckItem } from './policy';

/** What the operator submitted. */
export interface ResetRequest {
  /** Ids of the checklist items the operator ticked. */
  readonly checkedIds: readonly string[];
  /** "I have verified the user's request to reset MFA". */
  readonly confirmed: boolean;
}

/** What is stored with the reset in the audit log. */
export interface ResetEvidence {
  readonly confirmed: true;
  readonly checks: readonly (ResetCheckItem & { readonly checked: boolean })[];
}

/** The evidence, or why the request cannot go ahead. */
export type ResetEvidenceResult =
  | { readonly ok: true; readonly evidence: ResetEvidence }
  | { readonly ok: false; readonly reason: 'not_confirmed' | 'unknown_check'; readonly message: string };

/** Build the audit evidence of a reset request against the company's current checklist. */
export function resetEvidence(policy: Pick<DomainPolicy, 'resetChecklist'>, request: ResetRequest): ResetEvidenceResult {
  if (!request.confirmed) {
    return {
      ok: false,
      reason: 'not_confirmed',
      message: "Tick \"I have verified the user's request to reset MFA\" once you have checked who is asking.",
    };
  }
  const known = new Set(policy.resetChecklist.map((item) => item.id));
  if (request.checkedIds.some((id) => !known.has(id))) {
    return {
      ok: false,
      reason: 'unknown_check',
      message: 'The identity checklist changed while you were working. Reload it, tick the checks again and retry.',
    };
  }
  const checked = new Set(request.checkedIds);
  return {
    ok: true,
    evidence: {
      confirmed: true,
      checks: policy.resetChecklist.map((item) => ({ id: item.id, label: item.label, checked: checked.has(item.id) })),
    },
  };
}
