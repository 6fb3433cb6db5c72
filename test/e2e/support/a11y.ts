/**
 * Accessibility check of what the page shows now, with axe-core run inside the page (evaluated through the
 * DevTools protocol, so the console's strict CSP stays as it ships). Every e2e test calls it at each screen and
 * state it reaches; a serious or critical violation fails the test with the rule, the elements and axe's advice.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What the check reports of one violation. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; summary: string }[];
}

/** Labels already checked, per page (for checks asked for once per state, such as each simulated screen). */
const checked = new WeakMap<Page, Set<string>>();

/**
 * Runs axe-core over the whole page and fails when it finds a serious or critical violation. With `once`, a label
 * already checked on this page is not checked again (a helper that waits for the same screen many times).
 */
export async function expectNoSeriousA11yViolations(page: Page, label: string, options: { once?: boolean } = {}): Promise<void> {
  const seen = checked.get(page) ?? new Set<string>();
  checked.set(page, seen);
  if (options.once && seen.has(label)) return;
  seen.add(label);
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const violations: Violation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeResult[] }> } }).axe;
    interface AxeResult {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: unknown[]; failureSummary?: string }[];
    }
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((node) => ({ target: node.target.map(String), summary: node.failureSummary ?? '' })),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = serious.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.summary}`).join(' | ')}`);
  expect(described, `axe-core on "${label}"`).toEqual([]);
}
