// Runs the same steps on the fixture sites in any browser the audit can drive (through the audit's own
// seam, src/cli/driver.ts), waiting in each for a state rather than for a time, and keeps the
// extension's report of every step, so the two browsers' reports can be compared.
import type { AuditBrowser, AuditPage, BrowserName } from '../../../src/cli/driver';
import type { LoggedRequest } from '../../../src/cli/site-server';
import type { SiteReport } from '../../../src/model/report';
import { reportKeys } from './signature';

export interface StepContext {
  b: AuditBrowser;
  page: AuditPage;
  tabId: number;
  url: string;
  /** sends a message to the background from an extension page, as the popup's buttons do */
  send<R = unknown>(msg: object): Promise<R>;
  /** polls `fn` until it returns a truthy value (or throws after `timeout` ms) */
  until<T>(what: string, fn: () => Promise<T>, timeout?: number): Promise<T>;
  /** the extension's current report for this step's tab */
  report(): Promise<SiteReport | null>;
  /** the fixture server's requests made by this browser (told apart by user agent: the two browsers run at once) */
  requests(): LoggedRequest[];
  /** kept from step to step of one browser's session (marks into requests(), for instance) */
  state: Record<string, number>;
}

export interface Step {
  /** the fixture site (host) the step is on: the parity table is keyed by it */
  site: string;
  url: string;
  /** what the step does, for messages */
  does?: string;
  /** navigate the previous step's tab (a revisit or reload in place) instead of opening a new one */
  sameTab?: boolean;
  /** go on with the previous step's page as it is (no navigation): a second phase on the same visit */
  stay?: boolean;
  /** with sameTab: what is done before the page is loaded again (an action in the popup, say) */
  before?(s: StepContext): Promise<unknown>;
  /** what a person does on the page once it has loaded */
  act?(s: StepContext): Promise<unknown>;
  /** the state to wait for in each browser before the report is taken (a parity-table row may make it differ) */
  ready(r: SiteReport, browser: BrowserName): boolean;
  timeout?: number;
}

export interface StepResult {
  site: string;
  does: string;
  report: SiteReport | null;
  /** false when `ready` never held: the report is then the last one read */
  ready: boolean;
  keys: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poll<T>(what: string, fn: () => Promise<T>, timeout: number): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await sleep(300);
  }
}

// (src/cli/visit.ts has the audit's versions of these two; Playwright's test loader cannot import it,
// as the report builder behind it imports JSON the way only the bundler and tsx understand)
async function tabIdOf(b: AuditBrowser, page: AuditPage): Promise<number | null> {
  return tabIdFor(b, page.url());
}

export async function tabIdFor(b: AuditBrowser, url: string): Promise<number | null> {
  return b.inExtension(async (x, u: string) => (await x.browser.tabs.query({})).filter((t) => t.url === u).pop()?.id ?? null, url);
}

/**
 * The report once three reads 400 ms apart agree (late DOM scans in idle time, beacons), at most ~6 s.
 * A little stricter than the audit's two reads: on a loaded machine the two browsers are compared
 * finding by finding, and a late scan must not make them differ.
 */
async function stableReport(b: AuditBrowser, tabId: number): Promise<SiteReport | null> {
  let last: SiteReport | null = null;
  let lastSig = '';
  let same = 0;
  for (let i = 0; i < 15; i++) {
    const r = await reportOfTab(b, tabId);
    const sig = r ? JSON.stringify([r.url, reportKeys(r)]) : '';
    same = r && sig === lastSig ? same + 1 : 0;
    if (same >= 2) return r;
    last = r;
    lastSig = sig;
    await sleep(400);
  }
  return last;
}

export async function reportOfTab(b: AuditBrowser, tabId: number): Promise<SiteReport | null> {
  return b.inExtension(async (x, id: number) => {
    await x.candor.whenIdle();
    return x.candor.reportForTab(id);
  }, tabId);
}

export async function sendFromExtensionPage<R>(b: AuditBrowser, tabId: number, msg: object): Promise<R> {
  const p = await b.extensionPage(`popup.html?tabId=${tabId}`);
  try {
    return (await p.evaluate(
      (m: object) => ((globalThis as unknown as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome).runtime.sendMessage(m),
      msg,
    )) as R;
  } finally {
    await p.close().catch(() => {});
  }
}
type Api = { runtime: { sendMessage(m: unknown): Promise<unknown> } };

/** What the browser offers pages, where a parity-table row depends on it (differences.ts). */
export interface Capabilities {
  webgl: boolean;
}

export async function capabilitiesOf(b: AuditBrowser): Promise<Capabilities> {
  const p = await b.newPage();
  try {
    return await p.evaluate(() => ({ webgl: !!document.createElement('canvas').getContext('webgl') }));
  } finally {
    await p.close();
  }
}

export async function runSession(b: AuditBrowser, steps: readonly Step[], allRequests: () => LoggedRequest[] = () => []): Promise<StepResult[]> {
  const out: StepResult[] = [];
  const state: Record<string, number> = {};
  const requests = () => allRequests().filter((r) => r.headers['user-agent'] === b.userAgent);
  let page: AuditPage | undefined;
  let prev: StepContext | undefined;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (step.before) {
      if (!prev || !step.sameTab) throw new Error(`${step.site}: "before" needs a sameTab step after another step`);
      await step.before(prev);
    }
    if (!(step.sameTab || step.stay) || !page) {
      await page?.close().catch(() => {});
      page = await b.newPage();
    }
    if (!step.stay) await page.goto(step.url, { waitUntil: 'load', timeout: 30000 });
    const p = page;
    const tabId = await poll(`the tab of ${step.url} in ${b.name}`, async () => tabIdOf(b, p), 10000);
    const ctx: StepContext = {
      b,
      page: p,
      tabId,
      url: step.url,
      send: (msg) => sendFromExtensionPage(b, tabId, msg),
      until: (what, fn, timeout = 20000) => poll(`${what} (${step.site} in ${b.name})`, fn, timeout),
      report: () => reportOfTab(b, tabId),
      requests,
      state,
    };
    prev = ctx;
    if (step.act) await step.act(ctx);
    let ready = true;
    await poll('ready', async () => step.ready((await reportOfTab(b, tabId)) ?? ({ findings: [] } as unknown as SiteReport), b.name), step.timeout ?? 30000).catch(() => (ready = false));
    const report = await stableReport(b, tabId);
    out.push({ site: step.site, does: step.does ?? step.url, report, ready, keys: reportKeys(report) });
  }
  await page?.close().catch(() => {});
  return out;
}

export type SessionResults = Record<BrowserName, StepResult[]> & { capabilities: Record<BrowserName, Capabilities> };

/** Clicks, as a person would (a real click at its centre), the first element matching `selector` whose text matches `text`. */
export async function clickText(page: AuditPage, selector: string, text: string): Promise<void> {
  const at = await page.evaluate(
    ([sel, t]: [string, string]) => {
      const el = Array.from(document.querySelectorAll(sel)).find((e) => new RegExp(t, 'i').test((e as HTMLElement).innerText ?? ''));
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    [selector, text] as [string, string],
  );
  if (!at) throw new Error(`no ${selector} says ${text}`);
  await page.mouse.click(at.x, at.y);
}
