// dashboard_render_ms: the dashboard page (entrypoints/dashboard/ → dashboard.html) opened with
// 10,000 sites stored, until its first site rows are in the DOM. Timed inside the page from its
// navigation start. When the build has no dashboard yet the figure is -1 ("dashboard not built").
//
// Selector contract: one element per site row, `[data-testid="site-row"]`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Pair } from './browsers';
import type { Result } from './figures';
import { log, median, round } from './stats';

export const SITE_ROW = '[data-testid="site-row"]';

const TIMER = `(() => {
  const t = (window.__benchTimes = { rows: -1 });
  const check = () => {
    if (t.rows < 0 && document.querySelector('${SITE_ROW}')) t.rows = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;

export async function benchDashboard(pair: Pair, root: string, sites: number, quick: boolean): Promise<Result> {
  const name = 'dashboard_render_ms' as const;
  if (!existsSync(join(root, '.output/chrome-mv3/dashboard.html'))) {
    return { name, value: -1, baseline: 'dashboard not built', notes: ['.output/chrome-mv3/dashboard.html does not exist in this build'] };
  }
  const runs = quick ? 3 : 7;
  log(`dashboard: ${runs} opens with ${sites} sites stored`);
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const p = await pair.ext.context.newPage();
    await p.addInitScript(TIMER);
    await p.goto(`chrome-extension://${pair.ext.extensionId}/dashboard.html`);
    const t = await p
      .waitForFunction(() => {
        const x = (window as unknown as { __benchTimes?: { rows: number } }).__benchTimes;
        return x && x.rows >= 0 ? x.rows : false;
      }, null, { timeout: 20000, polling: 50 })
      .then((h) => h.jsonValue() as Promise<number>)
      .catch(() => -1);
    await p.close();
    if (i > 0) times.push(t);
  }
  const ok = times.filter((t) => t >= 0);
  if (ok.length === 0) return { name, value: -1, baseline: `no ${SITE_ROW} appeared within 20 s`, notes: [`align the dashboard's rows with the selector ${SITE_ROW}`] };
  return {
    name,
    value: round(median(ok), 1),
    baseline: `dashboard navigation start → first ${SITE_ROW}, ${sites} sites stored; median of ${ok.length} opens`,
    notes: ok.length < times.length ? [`${times.length - ok.length} of ${times.length} opens showed no rows within 20 s`] : [],
  };
}
