import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// axe-core (Deque's accessibility engine) run inside the page under test, on the WCAG 2.1 A and AA rules: the audit
// issue 19 asks every state of the four screens to pass, in both languages.

const require = createRequire(import.meta.url);
// Evaluated through the debugging protocol, which the screens' Content-Security-Policy does not govern (a <script>
// tag would be refused, as it should be).
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rule tags run: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** And the heading structure (axe files these under best practice): one h1 per screen, no skipped level. */
export const HEADING_RULES = ['page-has-heading-one', 'heading-order', 'empty-heading'];

export interface AxeFinding {
  /** Where: the test's name for the screen state, with its locale. */
  state: string;
  rule: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on the page as it is now (injected once per document) and returns every violation, one finding per
 * rule with up to five offending nodes (selector and HTML), labelled `state`.
 */
export async function axeFindings(page: Page, state: string): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async ({ tags, rules }) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<any> } }).axe;
    const wcag = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    const headings = await axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
    return ([...wcag.violations, ...headings.violations] as any[]).map((v) => ({
      rule: v.id as string,
      impact: (v.impact ?? null) as string | null,
      help: v.help as string,
      nodes: (v.nodes as any[]).slice(0, 5).map((n) => `${(n.target as string[]).join(' ')} :: ${String(n.html).slice(0, 160)} :: ${String(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`),
    }));
  }, { tags: WCAG_21_AA, rules: HEADING_RULES });
  return violations.map((v) => ({ state, ...v }));
}

/** Collects findings across a walk, so one run reports every screen's problems at once. */
export class AxeLog {
  readonly findings: AxeFinding[] = [];
  readonly states: string[] = [];

  async check(page: Page, state: string): Promise<void> {
    this.states.push(state);
    this.findings.push(...(await axeFindings(page, state)));
  }

  /**
   * Audits the page in Chinese (`${state} zh`), switches to English with its own language button (the first
   * lang-toggle), audits (`${state} en`), and switches back; each switch waits for <html lang> to follow.
   */
  async checkBoth(page: Page, state: string): Promise<void> {
    const langIs = (lang: string) => page.locator(`html[lang="${lang}"]`).waitFor();
    await langIs('zh-CN');
    await this.check(page, `${state} zh`);
    await page.getByTestId('lang-toggle').first().click();
    await langIs('en');
    await this.check(page, `${state} en`);
    await page.getByTestId('lang-toggle').first().click();
    await langIs('zh-CN');
  }

  /** One line per rule and offending node, naming every state it was seen in: the failure message. */
  summary(): string[] {
    const seen = new Map<string, string[]>();
    for (const f of this.findings) {
      for (const node of f.nodes) {
        const key = `${f.rule} (${f.impact}): ${node}`;
        seen.set(key, [...(seen.get(key) ?? []), f.state]);
      }
    }
    return [...seen].map(([key, states]) => `${key}\n      in: ${states.join(', ')}`);
  }
}
