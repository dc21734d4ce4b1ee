// The headless audit: drives the built extension in Chromium and reads its reports. It detects
// nothing by itself (REPORT.md): every finding comes from the same extension users install.
import type { Page } from 'playwright-core';
import type { AuditError, SiteReport } from '../model/report';
import { launchWithExtension, type Launched } from './launch';
import { PROBES, runProbes } from './probes';

export interface AuditOptions {
  extensionDir: string;
  profileDir?: string;
  hostResolverRules?: string;
  insecure?: boolean;
  /** settle time after the load event, ms */
  wait?: number;
  interact?: boolean;
  /** per-URL navigation timeout, ms */
  timeout?: number;
  /** called once per URL, in order, as soon as it is done */
  onResult?(r: AuditResult, index: number): void | Promise<void>;
  /** when set, a PNG of the popup for each audited URL is written via this callback */
  popupScreenshot?(index: number, png: Buffer, report: SiteReport): void | Promise<void>;
  log?(msg: string): void;
}

export type AuditResult = SiteReport | AuditError;

export function isAuditError(r: AuditResult): r is AuditError {
  return 'error' in r;
}

const DEFAULT_WAIT = 2500;

export async function auditUrls(urls: string[], o: AuditOptions): Promise<AuditResult[]> {
  const b = await launchWithExtension(o);
  const results: AuditResult[] = [];
  try {
    for (let i = 0; i < urls.length; i++) {
      const r = await auditOne(b, urls[i]!, o, i);
      results.push(r);
      await o.onResult?.(r, i);
    }
  } finally {
    await b.close();
  }
  return results;
}

/** Plain-words reason for a navigation failure. */
export function explainError(e: unknown): string {
  const m = String((e as Error)?.message ?? e);
  const net = m.match(/net::(ERR_[A-Z_]+)/);
  if (net) {
    const words: Record<string, string> = {
      ERR_NAME_NOT_RESOLVED: 'the host name could not be found (DNS)',
      ERR_CONNECTION_REFUSED: 'the server refused the connection',
      ERR_CONNECTION_TIMED_OUT: 'the connection timed out',
      ERR_CERT_AUTHORITY_INVALID: 'the TLS certificate is not trusted (use --insecure for staging sites)',
      ERR_CERT_COMMON_NAME_INVALID: 'the TLS certificate does not match the host (use --insecure for staging sites)',
      ERR_INTERNET_DISCONNECTED: 'there is no network connection',
      ERR_ABORTED: 'the navigation was aborted (a download, or the page navigated away)',
    };
    return `could not load the page: ${words[net[1]!] ?? net[1]}`;
  }
  if (/Timeout/i.test(m)) return 'could not load the page: it did not finish loading in time';
  if (/invalid url|Cannot navigate to invalid URL/i.test(m)) return 'not a valid URL';
  return `could not audit the page: ${m.split('\n')[0]}`;
}

async function auditOne(b: Launched, url: string, o: AuditOptions, index: number): Promise<AuditResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
    if (!/^https?:$/.test(parsed.protocol)) throw new Error('scheme');
  } catch {
    return { url, error: 'not a valid http(s) URL' };
  }
  const page = await b.context.newPage();
  try {
    const resp = await page.goto(parsed.href, { waitUntil: 'load', timeout: o.timeout ?? 30000 });
    if (resp && resp.status() >= 400) {
      return { url, error: `the server answered HTTP ${resp.status()}` };
    }
    await page.waitForTimeout(o.wait ?? DEFAULT_WAIT);
    const tabId = await tabIdOf(b, page);
    if (tabId === null) return { url, error: 'the extension did not see this page (no browser tab matched it)' };
    if (o.interact) {
      await runProbes(PROBES, page, { url, tabId, ext: b, log: o.log ?? ((m) => process.stderr.write(m + '\n')) });
      await page.waitForTimeout(500);
    }
    const report = await stableReport(b, tabId);
    if (!report) return { url, error: 'the extension recorded no visit for this page' };
    report.tool.browser = b.browserLabel;
    if (o.popupScreenshot) {
      const png = await screenshotPopup(b, tabId);
      await o.popupScreenshot(index, png, report);
    }
    return report;
  } catch (e) {
    return { url, error: explainError(e) };
  } finally {
    await page.close().catch(() => {});
  }
}

async function tabIdOf(b: Launched, page: Page): Promise<number | null> {
  const url = page.url();
  const sw = await b.worker();
  return sw.evaluate(async (u: string) => {
    const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string; active?: boolean }[]> } } }).chrome;
    const tabs = await c.tabs.query({});
    const hit = tabs.filter((t) => t.url === u);
    return hit.length ? (hit[hit.length - 1]!.id ?? null) : null;
  }, url);
}

type CandorGlobal = { candor: { reportForTab(id: number): Promise<SiteReport | null> } };

/** Reads the report until two reads 400 ms apart agree (late DOM scans, beacons), at most ~4 s. */
async function stableReport(b: Launched, tabId: number): Promise<SiteReport | null> {
  let last: SiteReport | null = null;
  let lastSig = '';
  for (let i = 0; i < 10; i++) {
    const sw = await b.worker();
    const r = await sw.evaluate((id: number) => (globalThis as unknown as CandorGlobal).candor.reportForTab(id), tabId);
    const sig = r ? JSON.stringify(r.findings.map((f) => [f.kind, f.title, f.count])) : '';
    if (r && sig === lastSig) return r;
    last = r;
    lastSig = sig;
    await new Promise((res) => setTimeout(res, 400));
  }
  return last;
}

export async function screenshotPopup(b: Launched, tabId: number): Promise<Buffer> {
  const p = await b.context.newPage();
  try {
    await p.setViewportSize({ width: 400, height: 600 });
    await p.goto(`chrome-extension://${b.extensionId}/popup.html?tabId=${tabId}`);
    await p.waitForSelector('.report, .state h1', { timeout: 10000 });
    // open the privacy principle so the picture shows findings, not only headings
    await p.locator('.principle[data-principle="privacy"] .principle-head').click({ timeout: 2000 }).catch(() => {});
    return await p.screenshot({ fullPage: true });
  } finally {
    await p.close();
  }
}
