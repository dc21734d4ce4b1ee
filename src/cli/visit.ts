// One URL in one browser: load it as a person would, let it settle, optionally run the probes and
// follow a few same-site links, and read the extension's report. Detects nothing by itself.
import type { AuditError, SiteReport } from '../model/report';
import type { AuditBrowser, AuditPage, AuditResponse } from './driver';
import { addressKind, privateAddressCheck, refusal } from './private-address';
import { firefoxError } from './firefox/errors';
import { PROBES, runProbes } from './probes';
import { siteKey } from './shard';
import { mergePageReports } from './site-summary';
import type { Visitor } from './views/visitor';

export interface VisitOptions {
  /** follow pages to loopback, private and link-local addresses too (--allow-private; tests, staging) */
  allowPrivate?: boolean;
  /** the browser's host mapping, so the private-address check sees where a mapped host really goes */
  hostResolverRules?: string;
  wait?: number;
  interact?: boolean;
  /** probe names switched off */
  disabledProbes?: readonly string[];
  /** page-load time limit, ms */
  timeout?: number;
  /** same-site links to follow after the first page */
  pages?: number;
  popupScreenshot?(index: number, png: Buffer, report: SiteReport): void | Promise<void>;
  log?(msg: string): void;
  /** who visits (a customer view); here only its Referer matters, the launcher applies the rest */
  visitor?: Visitor;
  /** runs once the page settled, before the probes and the report (a customer view acts here) */
  afterLoad?(page: AuditPage, ctx: { url: string; index: number; tabId: number; ext: AuditBrowser }): Promise<void>;
}

export const DEFAULT_WAIT = 2500;
export const DEFAULT_TIMEOUT = 30000;

/** Plain-words reason for a navigation failure. */
export function explainError(e: unknown): string {
  const m = String((e as Error)?.message ?? e);
  const ff = firefoxError(m);
  if (ff) return ff;
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
  if (/Target (page, context or browser )?(has been )?closed|browser has disconnected/i.test(m)) return 'could not audit the page: the browser closed (it may have crashed)';
  return `could not audit the page: ${m.split('\n')[0]}`;
}

/** Failures that another attempt will not fix: a bad URL, an unknown host, an HTTP error answer. */
export function isPermanent(error: string): boolean {
  return /not a valid|could not be found|answered HTTP [45]\d\d|certificate/.test(error);
}

/** `onPage` receives the tab, so a caller whose deadline passed can close it and end the visit. */
export async function visitUrl(b: AuditBrowser, url: string, o: VisitOptions, index: number, onPage?: (p: AuditPage) => void): Promise<SiteReport | AuditError> {
  let parsed: URL;
  try {
    parsed = new URL(url);
    if (!/^https?:$/.test(parsed.protocol)) throw new Error('scheme');
  } catch {
    return { url, error: 'not a valid http(s) URL' };
  }
  const log = o.log ?? ((m: string) => process.stderr.write(m + '\n'));
  // Private-address guard (private-address.ts): the URL given, then every document request the
  // browser makes for this tab (redirect hops, the page's own navigations, frames), then where it landed.
  const check = o.allowPrivate ? undefined : privateAddressCheck({ hostResolverRules: o.hostResolverRules });
  if (check) {
    const hit = await check(parsed.href);
    if (hit) return { url, error: refusal(hit) };
  }
  const page = await b.newPage();
  onPage?.(page);
  // the first refused navigation of the top frame since the last navigation the audit started
  let refused: string | undefined;
  if (check) {
    await b.guard?.(page, async (u, topFrame) => {
      const hit = await check(u);
      if (!hit) return false;
      if (topFrame) refused ??= refusal(hit);
      else log(`  (blocked a frame on ${url}: ${refusal(hit)})`);
      return true;
    });
  }
  /** Why the tab must not be reported: a refused navigation, or a page that ended up on a private address anyway. */
  const offLimits = async (resp?: AuditResponse | null): Promise<string | undefined> => {
    if (!check) return undefined;
    if (refused) return refused;
    const hit = await check(page.url());
    if (hit) return refusal(hit);
    const addr = await resp?.serverAddr?.().catch(() => null);
    const kind = addr ? addressKind(addr.ipAddress) : null;
    if (addr && kind) return refusal({ url: page.url(), host: new URL(page.url()).hostname, address: addr.ipAddress, kind });
    return undefined;
  };
  try {
    // a visitor arriving from elsewhere lands on the first URL only; later ones are its own clicks
    const referer = index === 0 ? o.visitor?.referrer : undefined;
    const resp = await page.goto(parsed.href, { waitUntil: 'load', timeout: o.timeout ?? DEFAULT_TIMEOUT, ...(referer ? { referer } : {}) });
    const landed = await offLimits(resp);
    if (landed) return { url, error: landed };
    if (resp && resp.status() >= 400) {
      return { url, error: `the server answered HTTP ${resp.status()}` };
    }
    await page.waitForTimeout(o.wait ?? DEFAULT_WAIT);
    const moved = await offLimits();
    if (moved) return { url, error: moved };
    const tabId = await tabIdOf(b, page);
    if (tabId === null) return { url, error: 'the extension did not see this page (no browser tab matched it)' };
    await o.afterLoad?.(page, { url, index, tabId, ext: b });
    if (o.interact) {
      const probes = PROBES.filter((p) => !o.disabledProbes?.includes(p.name));
      await runProbes(probes, page, { url, tabId, ext: b, log });
      await page.waitForTimeout(500);
      const clicked = await offLimits();
      if (clicked) return { url, error: clicked };
    }
    const first = await stableReport(b, tabId);
    if (!first) return { url, error: 'the extension recorded no visit for this page' };
    first.tool.browser = b.browserLabel;
    let report = first;
    if (o.pages) {
      const reports = [first];
      for (const link of await sameSiteLinks(page, o.pages)) {
        // A linked page that fails to load is skipped: the site is still reported from the others.
        try {
          const hit = check && (await check(link));
          if (hit) {
            log(`  (skipped ${link}: ${refusal(hit)})`);
            continue;
          }
          refused = undefined;
          const r = await page.goto(link, { waitUntil: 'load', timeout: o.timeout ?? DEFAULT_TIMEOUT }).catch((e: unknown) => {
            if (refused) return null;
            throw e;
          });
          const why = await offLimits(r);
          if (why) {
            // the report of this tab now describes a page the audit must not report: stop here
            log(`  (stopped following links of ${url}: ${why})`);
            break;
          }
          if (r && r.status() >= 400) continue;
          await page.waitForTimeout(o.wait ?? DEFAULT_WAIT);
          const id = (await tabIdOf(b, page)) ?? tabId;
          const more = await stableReport(b, id);
          if (more) reports.push(more);
        } catch (e) {
          log(`  (skipped ${link}: ${explainError(e)})`);
        }
      }
      report = mergePageReports(reports);
    }
    if (o.popupScreenshot) {
      const png = await screenshotPopup(b, tabId);
      await o.popupScreenshot(index, png, report);
    }
    return report;
  } catch (e) {
    return { url, error: refused ?? explainError(e) };
  } finally {
    await page.close().catch(() => {});
  }
}

/** Same-site http(s) links on the page, in document order, without the page itself or downloads. */
export async function sameSiteLinks(page: AuditPage, max: number): Promise<string[]> {
  const here = page.url();
  const hrefs = await page.evaluate(() => Array.from(document.querySelectorAll('a[href]'), (a) => (a as HTMLAnchorElement).href)).catch(() => [] as string[]);
  return pickLinks(here, hrefs, max);
}

export function pickLinks(here: string, hrefs: readonly string[], max: number): string[] {
  const site = siteKey(here);
  const seen = new Set([here.split('#')[0]]);
  const out: string[] = [];
  for (const h of hrefs) {
    if (out.length >= max) break;
    let u: URL;
    try {
      u = new URL(h, here);
    } catch {
      continue;
    }
    u.hash = '';
    const s = u.href;
    if (!/^https?:$/.test(u.protocol) || siteKey(s) !== site || seen.has(s)) continue;
    if (/\.(pdf|zip|gz|dmg|exe|png|jpe?g|gif|svg|webp|mp4|mp3|csv|xlsx?)$/i.test(u.pathname)) continue;
    // never sign a visitor out or change anything on the site
    if (/log-?out|sign-?out|delete|unsubscribe/i.test(u.pathname)) continue;
    seen.add(s);
    out.push(s);
  }
  return out;
}

export async function tabIdOf(b: AuditBrowser, page: AuditPage): Promise<number | null> {
  return b.inExtension(async (x, u: string) => {
    const tabs = await x.browser.tabs.query({});
    const hit = tabs.filter((t) => t.url === u);
    return hit.length ? (hit[hit.length - 1]!.id ?? null) : null;
  }, page.url());
}

/** Reads the report until two reads 400 ms apart agree (late DOM scans, beacons), at most ~4 s. */
export async function stableReport(b: AuditBrowser, tabId: number): Promise<SiteReport | null> {
  let last: SiteReport | null = null;
  let lastSig = '';
  for (let i = 0; i < 10; i++) {
    const r = await b.inExtension((x, id: number) => x.candor.reportForTab(id), tabId);
    const sig = r ? JSON.stringify([r.url, r.findings.map((f) => [f.kind, f.title, f.count])]) : '';
    if (r && sig === lastSig) return r;
    last = r;
    lastSig = sig;
    await new Promise((res) => setTimeout(res, 400));
  }
  return last;
}

export async function screenshotPopup(b: AuditBrowser, tabId: number): Promise<Buffer> {
  const p = await b.extensionPage(`popup.html?tabId=${tabId}`);
  try {
    await p.setViewportSize({ width: 400, height: 600 });
    await p.waitForSelector('.report, .state h1', { timeout: 10000 });
    // open the privacy principle so the picture shows findings, not only headings
    await p.locator('.principle[data-principle="privacy"] .principle-head').click({ timeout: 2000 }).catch(() => {});
    return await p.screenshot({ fullPage: true });
  } finally {
    await p.close();
  }
}
