// Chromium's and Firefox's findings for the same step, against the parity table.
import type { BrowserName } from '../../../src/cli/driver';
import { PARITY_DIFFERENCES, type Difference } from './differences';
import type { Capabilities, StepResult } from './session';

export interface Parity {
  /** findings only one browser has that the table does not list: "<browser> only: <finding>" */
  unexplained: string[];
  /** table rows for this site that did not hold (the finding is in both, or in neither) */
  unmet: string[];
}

export function parity(cr: Pick<StepResult, 'site' | 'keys'>, ff: Pick<StepResult, 'site' | 'keys'>, caps: Record<BrowserName, Capabilities>, table: readonly Difference[] = PARITY_DIFFERENCES): Parity {
  const lacks = (d: Difference) => !d.whenLacking || !caps[d.only === 'chromium' ? 'firefox' : 'chromium'][d.whenLacking];
  const rows = table.filter((d) => d.sites.includes(cr.site) && lacks(d));
  const has: Record<BrowserName, Set<string>> = { chromium: new Set(cr.keys), firefox: new Set(ff.keys) };
  const unexplained: string[] = [];
  for (const [me, other] of [['chromium', 'firefox'], ['firefox', 'chromium']] as const) {
    for (const k of has[me]) {
      if (has[other].has(k)) continue;
      if (!rows.some((d) => d.only === me && d.finding === k)) unexplained.push(`${me} only: ${k}`);
    }
  }
  const unmet = rows.filter((d) => !(has[d.only].has(d.finding) && !has[d.only === 'chromium' ? 'firefox' : 'chromium'].has(d.finding))).map((d) => `${d.only} only (table): ${d.finding}`);
  return { unexplained, unmet };
}
