// The headless audit: drives the built extension in Chromium or Firefox (driver.ts) and reads its reports. It detects
// nothing by itself (docs/report.md): every finding comes from the same extension users install.
//
// Concurrency: each worker is its own Chromium with its own profile. The URLs of one site (its
// registrable domain) form a group that one worker visits in the order given, so "one profile, a URL
// given twice is a revisit" holds per site. With one worker the whole list is one group, visited in
// the order given, exactly as docs/report.md says.
import { join } from 'node:path';
import type { AuditError, SiteReport } from '../model/report';
import type { AuditBrowser, AuditPage, BrowserName } from './driver';
import { NoBrowserError } from './find-browser';
import { SandboxError } from './launch';
import { launchAuditBrowser } from './launch-any';
import { safeLine } from './safe-text';
import { bucketOf, siteKey } from './shard';
import { DEFAULT_TIMEOUT, DEFAULT_WAIT, explainError, isPermanent, visitUrl, type VisitOptions } from './visit';

export { explainError, screenshotPopup } from './visit';

export interface AuditOptions extends VisitOptions {
  /** which browser drives the extension (default chromium); extensionDir must be that browser's build */
  browser?: BrowserName;
  extensionDir: string;
  profileDir?: string;
  hostResolverRules?: string;
  insecure?: boolean;
  /** Chromium without its sandbox (the explicit opt-out for root; launch.ts sandboxOff) */
  noSandbox?: boolean;
  /** settle time after the load event, ms */
  wait?: number;
  interact?: boolean;
  /** per-page load time limit, ms */
  timeout?: number;
  /** browsers in parallel (default 1) */
  concurrency?: number;
  /** further attempts for a URL that failed for a reason that may pass (default 0) */
  retries?: number;
  /** called once per URL, in order, as soon as it and every URL before it are done */
  onResult?(r: AuditResult, index: number): void | Promise<void>;
  /** called once per URL as soon as it is done, in any order (for writing results as they come) */
  onDone?(r: AuditResult, index: number): void | Promise<void>;
  /** true once the run is being stopped (Ctrl-C): no new URL, retry or browser is started */
  stopped?(): boolean;
  /** when set, a PNG of the popup for each audited URL is written via this callback */
  popupScreenshot?(index: number, png: Buffer, report: SiteReport): void | Promise<void>;
  log?(msg: string): void;
  /** the wait before a retry (default setTimeout); tests pass a recorder */
  sleep?(ms: number): Promise<void>;
  /** random numbers in [0, 1) for the retry jitter (default Math.random) */
  random?(): number;
}

export type AuditResult = SiteReport | AuditError;

export function isAuditError(r: AuditResult): r is AuditError {
  return 'error' in r;
}

/**
 * The visiting plan: groups of indices into urls, each group visited in order by one worker.
 * One worker: one group, the whole list. Several: one group per site, in order of first appearance.
 */
export function planGroups(urls: readonly string[], concurrency: number): number[][] {
  if (concurrency <= 1) return urls.length ? [urls.map((_, i) => i)] : [];
  const groups = new Map<string, number[]>();
  urls.forEach((u, i) => {
    const k = siteKey(u);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  return [...groups.values()];
}

export async function auditUrls(urls: string[], o: AuditOptions): Promise<AuditResult[]> {
  const groups = planGroups(urls, o.concurrency ?? 1);
  // With a kept profile the worker count is exactly --concurrency, so a site maps to the same
  // DIR/worker-k on every run whatever the list; workers launch a browser only when given a site.
  const sticky = !!o.profileDir && (o.concurrency ?? 1) > 1;
  const workers = sticky ? o.concurrency! : Math.max(1, Math.min(o.concurrency ?? 1, groups.length));
  const results: (AuditResult | undefined)[] = new Array(urls.length);
  let nextInOrder = 0;
  let emitting = Promise.resolve();
  // onResult keeps its promise: in order, each awaited before the next
  const emitInOrder = () => {
    emitting = emitting.then(async () => {
      while (nextInOrder < urls.length && results[nextInOrder] !== undefined) {
        const i = nextInOrder++;
        await o.onResult?.(results[i]!, i);
      }
    });
    return emitting;
  };
  const done = async (r: AuditResult, i: number) => {
    results[i] = r;
    await o.onDone?.(r, i);
    await emitInOrder();
  };

  // With a kept profile and several workers, worker k keeps DIR/worker-k and a site always goes to
  // the same worker (by its hash), so a second run still finds the returning visitor's profile.
  const queues: number[][][] = Array.from({ length: workers }, () => []);
  const shared = [...groups];
  if (sticky) for (const g of groups) queues[bucketOf(siteKey(urls[g[0]!]!), workers, 'worker:') - 1]!.push(g);
  const nextGroup = (k: number) => (sticky ? queues[k]!.shift() : shared.shift());

  const worker = async (k: number) => {
    const profileDir = o.profileDir && workers > 1 ? join(o.profileDir, `worker-${k + 1}`) : o.profileDir;
    let b: AuditBrowser | undefined;
    let closed = false;
    const browser = async (): Promise<AuditBrowser> => {
      if (b && !closed) return b;
      if (b) await b.close().catch(() => {});
      closed = false;
      b = await launchAuditBrowser(o.browser ?? 'chromium', { ...o, profileDir });
      b.onClose(() => (closed = true));
      return b;
    };
    // when each URL's last visit by this worker (its profile) ended: a revisit waits for REVISIT_GAP_MS
    const lastVisit = new Map<string, number>();
    try {
      for (let g = nextGroup(k); g && !o.stopped?.(); g = nextGroup(k)) {
        for (const i of g) {
          if (o.stopped?.()) break;
          const gap = revisitWait(lastVisit.get(urls[i]!), Date.now());
          if (gap > 0) await (o.sleep ?? wait)(gap);
          if (o.stopped?.()) break;
          const r = await auditWithRetries(browser, urls[i]!, o, i);
          lastVisit.set(urls[i]!, Date.now());
          await done(r, i);
        }
      }
    } finally {
      await b?.close();
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, k) => worker(k)));
  await emitting;
  return results as AuditResult[];
}

/**
 * A URL given twice is a return visit, and it starts at least this long after the earlier visit
 * ended: a countdown that restarts on every visit moves its deadline by the time between the two
 * visits, and that must be more than the few seconds two readings of a genuine countdown may differ
 * by (countdownSlackMs) — a quick browser can otherwise come back within them.
 */
export const REVISIT_GAP_MS = 5000;

/** How long to wait before visiting a URL whose last visit ended at `lastEnd` (0: go now). */
export function revisitWait(lastEnd: number | undefined, now: number, gapMs = REVISIT_GAP_MS): number {
  return lastEnd === undefined ? 0 : Math.max(0, lastEnd + gapMs - now);
}

export const RETRY_BASE_MS = 2000;
export const RETRY_MAX_MS = 30000;

/**
 * The wait before retry number `attempt` (1 for the first): exponential back-off with "equal jitter",
 * half fixed and half random. A site that is briefly down or rate-limiting gets time to recover, and
 * parallel browsers (or shards) whose URLs failed together do not all come back at the same moment.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

export interface RetryOptions {
  retries?: number;
  stopped?(): boolean;
  log?(msg: string): void;
  sleep?(ms: number): Promise<void>;
  random?(): number;
}

const wait = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));

/** Runs `attempt` until it gives a report or a failure another try will not fix, waiting between tries. */
export async function withRetries(url: string, o: RetryOptions, attempt: () => Promise<AuditResult>): Promise<AuditResult> {
  let r: AuditResult = { url, error: 'not audited' };
  for (let n = 0; n <= (o.retries ?? 0); n++) {
    if (n > 0) {
      if (o.stopped?.()) break;
      const ms = retryDelay(n, o.random);
      o.log?.(safeLine(`retrying ${url} in ${(ms / 1000).toFixed(1)} s (${isAuditError(r) ? r.error : ''})`));
      await (o.sleep ?? wait)(ms);
      if (o.stopped?.()) break;
    }
    r = await attempt();
    if (!isAuditError(r) || isPermanent(r.error)) return r;
  }
  return r;
}

async function auditWithRetries(browser: () => Promise<AuditBrowser>, url: string, o: AuditOptions, index: number): Promise<AuditResult> {
  return withRetries(url, o, async () => {
    let r: AuditResult;
    let page: AuditPage | undefined;
    try {
      r = await withDeadline(visitUrl(await browser(), url, o, index, (p) => (page = p)), deadlineFor(o), url);
      // past its deadline the visit is still running: closing its tab ends it
      if (isAuditError(r)) await page?.close().catch(() => {});
    } catch (e) {
      if (e instanceof NoBrowserError || e instanceof SandboxError) throw e;
      r = { url, error: explainError(e) };
    }
    return r;
  });
}

/** The longest one URL may take, all pages included, before it counts as failed. */
function deadlineFor(o: AuditOptions): number {
  const perPage = (o.timeout ?? DEFAULT_TIMEOUT) + (o.wait ?? DEFAULT_WAIT) + 8000;
  return perPage * (1 + (o.pages ?? 0)) + (o.interact ? 60000 : 0) + 15000;
}

async function withDeadline<T extends AuditResult>(p: Promise<T>, ms: number, url: string): Promise<AuditResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<AuditResult>((res) => {
    timer = setTimeout(() => res({ url, error: 'could not audit the page: it took longer than its time limit' }), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}
