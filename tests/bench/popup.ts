// popup_render_ms: the popup opened (as a tab, chrome-extension://ID/popup.html?tabId=N) for a page
// whose visit holds 200 findings, until all 200 are in the DOM. Timed inside the popup from its
// navigation start (performance.now()), so the automation's round trips are not counted. The
// findings sit under the privacy principle; the timer script opens it as soon as the report shows,
// as a person would.
//
// Selector contract (align the popup with these, or these with the popup):
//   report shown:      `.report` or `[data-testid="report"]`
//   a finding:         `li.finding` or `[data-testid="finding"]`
//   a closed principle `[data-principle="privacy"] [aria-expanded="false"]` (clicked to open it)
import type { Page } from 'playwright-core';
import type { Pair } from './browsers';
import { tabIdOf } from './browsers';
import type { Result } from './figures';
import { seedVisit, trackerFindings, type Vendor } from './seed';
import { log, median, round } from './stats';

export const FINDINGS = 200;

/** in-page timer: report shown, then all `n` findings rendered (ms since navigation start) */
export function timerScript(n: number): string {
  return `(() => {
    const t = (window.__benchTimes = { report: -1, findings: -1 });
    let clicked = false;
    const check = () => {
      if (t.report < 0 && document.querySelector('.report, [data-testid="report"]')) t.report = performance.now();
      if (t.report < 0) return;
      const count = document.querySelectorAll('li.finding, [data-testid="finding"]').length;
      if (count >= ${n}) {
        if (t.findings < 0) t.findings = performance.now();
        return;
      }
      if (!clicked) {
        const head = document.querySelector('[data-principle="privacy"] [aria-expanded="false"]');
        if (head) { clicked = true; head.click(); }
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
  })();`;
}

export async function benchPopup(pair: Pair, vs: Vendor[], quick: boolean): Promise<Result> {
  const url = pair.server.url('clean.test', '/');
  const page = await pair.ext.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(1500); // let the page's own visit settle before it is replaced
  const tabId = await tabIdOf(pair, url);
  const at = Date.now();
  await seedVisit(await pair.ext.worker(), tabId, url, 'clean.test', `bench-popup-${at}`, trackerFindings(vs.slice(0, FINDINGS), `bench-popup-${at}`, 'clean.test', at));
  const runs = quick ? 5 : 15;
  log(`popup: ${runs} opens of a report with ${vs.slice(0, FINDINGS).length} findings`);
  const times: { report: number; findings: number }[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const p: Page = await pair.ext.context.newPage();
    await p.addInitScript(timerScript(FINDINGS));
    await p.goto(`chrome-extension://${pair.ext.extensionId}/popup.html?tabId=${tabId}`);
    const t = await p
      // a function, not a string: the extension's CSP forbids eval
      .waitForFunction(() => {
        const t = (window as unknown as { __benchTimes?: { findings: number } }).__benchTimes;
        return t && t.findings >= 0 ? t : false;
      }, null, { timeout: 15000, polling: 50 })
      .then((h) => h.jsonValue() as Promise<{ report: number; findings: number }>)
      .catch((e: Error) => {
        log(`popup open failed: ${e.message.split('\n')[0]}`);
        return { report: -1, findings: -1 };
      });
    await p.close();
    if (i > 0) times.push(t); // the first open warms the extension's code cache, as after installing
  }
  await page.close();
  const ok = times.filter((t) => t.findings >= 0);
  if (ok.length === 0) {
    return { name: 'popup_render_ms', value: -1, baseline: `${FINDINGS} findings`, notes: ['the findings never all showed up: check the selector contract in tests/bench/popup.ts'] };
  }
  return {
    name: 'popup_render_ms',
    value: round(median(ok.map((t) => t.findings)), 1),
    baseline: `popup navigation start → ${FINDINGS} findings in the DOM; median of ${ok.length} opens`,
    notes: [
      `report (grade, principles) shown after ${round(median(ok.map((t) => t.report)), 1)} ms`,
      ...(ok.length < times.length ? [`${times.length - ok.length} of ${times.length} opens never showed all findings`] : []),
    ],
  };
}
