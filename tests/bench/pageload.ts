// pageload_overhead_ratio and script_overhead_ratio: every fixture page loaded ≥ 20 times in each
// browser, alternating with/without Candor. Per load: the load-event time from Navigation Timing and
// the main-thread script time (CDP Performance.getMetrics ScriptDuration: the page's scripts and the
// extension's content scripts in the same renderer) over the same window, up to WINDOW_MS after the
// load event, so the content script's post-load DOM scan (load + 1000 ms) is counted.
import type { BrowserContext } from 'playwright-core';
import type { Result } from './figures';
import type { Pair } from './browsers';
import { interleave, log, median, round } from './stats';

const WINDOW_MS = 1200;

/** waits for the load event's end, then gives its time from navigation start, and how long ago it was */
const LOAD_TIMING = `new Promise((res) => {
  const read = () => {
    const n = performance.getEntriesByType('navigation')[0];
    if (n && n.loadEventEnd > 0) res({ loadMs: n.loadEventEnd - n.startTime, sinceLoad: performance.now() - n.loadEventEnd });
    else setTimeout(read, 5);
  };
  read();
})`;

export interface Load {
  loadMs: number;
  scriptMs: number;
}

export async function loadOnce(context: BrowserContext, url: string): Promise<Load> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    // (a string, not a function: tsx's helpers are not defined in the page)
    const { loadMs, sinceLoad } = (await page.evaluate(LOAD_TIMING)) as { loadMs: number; sinceLoad: number };
    await page.waitForTimeout(Math.max(0, WINDOW_MS - sinceLoad));
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const script = metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN;
    await cdp.detach().catch(() => {});
    return { loadMs, scriptMs: script * 1000 };
  } finally {
    await page.close();
  }
}

export async function benchPageLoad(pair: Pair, pages: string[], quick: boolean): Promise<Result[]> {
  if (pages.length === 0) throw new Error('no fixture page to load (check --pages)');
  const n = quick ? 6 : 20;
  log(`page loads: ${pages.length} fixture pages × ${n} alternating loads with/without (~${Math.round((pages.length * n * 2 * (WINDOW_MS + 500)) / 1000)} s)`);
  // one warm-up load each: the first load pays for starting renderers and the extension's first scan.
  // A page that breaks the measuring itself (a hostile fixture replaces Function.prototype.call, which
  // the timing read needs) is left out, and the notes say so.
  const skipped: string[] = [];
  const measurable: string[] = [];
  for (const url of pages) {
    try {
      await loadOnce(pair.ext.context, url);
      await loadOnce(pair.plain.context, url);
      measurable.push(url);
    } catch (e) {
      skipped.push(`${new URL(url).host} left out: ${String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 120)}`);
    }
  }
  if (skipped.length) log(skipped.join('; '));
  pages = measurable;
  if (pages.length === 0) throw new Error('no fixture page could be measured');
  const sum = { lw: 0, lo: 0, sw: 0, so: 0 };
  const loadNotes: string[] = [];
  const scriptNotes: string[] = [];
  const added: number[] = [];
  for (const url of pages) {
    const r = await interleave(n, () => loadOnce(pair.ext.context, url), () => loadOnce(pair.plain.context, url));
    const lw = median(r.a.map((x) => x.loadMs));
    const lo = median(r.b.map((x) => x.loadMs));
    const sw = median(r.a.map((x) => x.scriptMs));
    const so = median(r.b.map((x) => x.scriptMs));
    sum.lw += lw;
    sum.lo += lo;
    sum.sw += sw;
    sum.so += so;
    added.push(sw - so);
    const host = new URL(url).host;
    loadNotes.push(`${host}: ${round(lw, 1)} ms with ÷ ${round(lo, 1)} ms without = ${round(lw / lo, 3)}`);
    scriptNotes.push(`${host}: ${round(sw, 2)} ms with ÷ ${round(so, 2)} ms without = ${round(sw / so, 3)} (+${round(sw - so, 2)} ms)`);
  }
  // Summing the per-page medians weighs pages by their cost, as a visit to each page would: a
  // page with almost no script of its own cannot make the ratio explode on its own.
  const how = `same Chromium and flags without the extension; per-page medians of ${n} alternating loads, summed over ${pages.length} pages`;
  return [
    { name: 'pageload_overhead_ratio', value: round(sum.lw / sum.lo), baseline: `${how}; load event (Navigation Timing)`, notes: [...skipped, ...loadNotes] },
    {
      name: 'script_overhead_ratio',
      value: round(sum.sw / sum.so),
      baseline: `${how}; ScriptDuration from navigation to load + ${WINDOW_MS} ms`,
      notes: [`the extension adds ${round((sum.sw - sum.so) / pages.length, 2)} ms of main-thread script per page load on average`, ...scriptNotes],
    },
    {
      name: 'content_ms_per_page',
      value: round(Math.max(0, median(added)), 2),
      baseline: `${how}; median over pages of the main-thread script ms the extension adds (ScriptDuration with − without)`,
      notes: [],
    },
  ];
}
