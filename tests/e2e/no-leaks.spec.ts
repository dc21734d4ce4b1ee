// Nothing leaves: every fixture site is loaded with the extension while every request the browser
// makes is recorded (Playwright sees the extension's service worker and extension pages too, even
// requests that fail DNS). The extension may only make the requests in network-allowlist.ts, and
// with those turned off it makes none. Its content scripts may add no request to any page: the
// pages' requests are compared with the same pages loaded without the extension.
//
// Requests are recorded per browser context and told apart by who made them (the extension's worker
// or pages, or a site's page), so the sites are visited a few at a time, in tabs of the same browser:
// each site still gets its full settle time, and the run takes a fraction of visiting them in turn.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { findChromium } from '../../src/cli/find-browser';
import { launchWithExtension, type Launched } from '../../src/cli/launch';
import type { SiteServer } from '../../src/cli/site-server';
import { EXT_DIR, expect, SITES, test } from './fixtures';
import { ALLOWED_EXTENSION_REQUESTS } from './network-allowlist';

/** with the extension, every site is watched this long after its load event */
const SETTLE_MS = 1500;
/**
 * Without it, twice as long, then until the page's network has been quiet this long (a request still
 * in flight may set off another), at most QUIET_CAP_MS more (tcf-news.test and consent-mode.test beacon
 * for ever): a late beacon the extension run saw must have its chance here too.
 */
const QUIET_MS = 500;
const QUIET_CAP_MS = 2500;
/** sites loading at once in a browser (more would starve the other worker's test of CPU) */
const TABS = 6;
const sites = readdirSync(SITES).filter((d) => existsSync(join(SITES, d, 'index.html'))).sort();

interface Seen {
  fromExtension: string[];
  pages: Set<string>;
  /** site pages whose watch is over: their later requests (a flush on unload, say) are not counted */
  watched: WeakSet<Page>;
}

function record(context: BrowserContext, extensionId: string | null): Seen {
  const seen: Seen = { fromExtension: [], pages: new Set(), watched: new WeakSet() };
  const own = extensionId ? `chrome-extension://${extensionId}/` : '\0';
  context.on('request', (r: Request) => {
    const url = r.url();
    if (url.startsWith(own) || url.startsWith('data:') || url.startsWith('blob:')) return; // its own files
    const sw = r.serviceWorker();
    let page: Page | null = null;
    try {
      page = r.frame().page();
    } catch {
      // service worker requests have no frame
    }
    const pageUrl = page?.url() ?? '';
    if (sw?.url().startsWith(own) || pageUrl.startsWith(own)) seen.fromExtension.push(url);
    else if (!page || !seen.watched.has(page)) {
      const u = new URL(url);
      seen.pages.add(`${u.protocol}//${u.host}${u.pathname}`);
    }
  });
  return seen;
}

/** Resolves once `settle` ms have passed, then no request of the page has started or ended for QUIET_MS (at most `cap` ms more). */
function settled(page: Page, settle: number, cap: number): Promise<void> {
  const start = Date.now();
  let inFlight = 0;
  let last = start;
  const begin = () => {
    inFlight++;
    last = Date.now();
  };
  const end = () => {
    inFlight = Math.max(0, inFlight - 1);
    last = Date.now();
  };
  page.on('request', begin);
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  return new Promise<void>((resolve) => {
    const check = () => {
      const now = Date.now();
      const quiet = inFlight === 0 && now - last >= QUIET_MS;
      if ((now - start >= settle && quiet) || now - start >= settle + cap) {
        page.off('request', begin);
        page.off('requestfinished', end);
        page.off('requestfailed', end);
        resolve();
      } else setTimeout(check, 100);
    };
    setTimeout(check, settle);
  });
}

async function visit(context: BrowserContext, seen: Seen, server: SiteServer, ext: Launched | null, site: string, popup: boolean) {
  const page = await context.newPage();
  await page.goto(server.url(site, '/'), { waitUntil: 'load', timeout: 20000 }).catch(() => {});
  if (ext) await page.waitForTimeout(SETTLE_MS);
  else await settled(page, SETTLE_MS * 2, QUIET_CAP_MS);
  // From here on the page is only kept open for the popup, for however long that takes on a loaded
  // machine: what the page sends meanwhile is not compared (the control browser may have closed it).
  seen.watched.add(page);
  if (ext && popup) {
    // the popup is an extension page: it must not fetch anything either
    const tabId = await (await ext.worker()).evaluate(async (u: string) => ((await (globalThis as any).chrome.tabs.query({})) as { id: number; url: string }[]).find((t) => t.url === u)?.id ?? -1, page.url());
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
    await popup.waitForTimeout(300);
    await popup.close();
  }
  await page.close();
}

async function visitAll(context: BrowserContext, seen: Seen, server: SiteServer, ext: Launched | null, tabs = TABS, popup = true) {
  const queue = [...sites];
  await Promise.all(
    Array.from({ length: tabs }, async () => {
      for (let site = queue.shift(); site; site = queue.shift()) await visit(context, seen, server, ext, site, popup);
    }),
  );
  // whatever the extension still has queued is written, and asked for, before the browser closes
  if (ext) await (await ext.worker()).evaluate(() => (globalThis as any).candor.whenIdle());
}

async function startWithExtension(server: SiteServer, settings: Record<string, unknown>) {
  const ext = await launchWithExtension({ extensionDir: EXT_DIR, hostResolverRules: server.hostResolverRules, insecure: true });
  try {
    const seen = record(ext.context, ext.extensionId);
    await (await ext.worker()).evaluate(async (s: Record<string, unknown>) => {
      const db = (globalThis as any).candor.db;
      for (const [key, value] of Object.entries(s)) await db.settings.put({ key, value });
    }, settings);
    return { ext, seen };
  } catch (e) {
    await ext.close();
    throw e;
  }
}

async function withExtension(server: SiteServer, settings: Record<string, unknown>) {
  const { ext, seen } = await startWithExtension(server, settings);
  try {
    // the popup of every site is opened in the other test, with everything off: it fetches nothing in
    // either case, and its own requests would be caught there
    await visitAll(ext.context, seen, server, ext, TABS, false);
    return seen;
  } finally {
    await ext.close();
  }
}

// The two tests visit every fixture site; running them side by side keeps the suite short.
test.describe.configure({ mode: 'parallel' });

test('with default settings the extension makes no request of its own beyond the allowlist', async ({ server }) => {
  test.setTimeout(Math.max(180_000, sites.length * 6000));
  expect(sites.length).toBeGreaterThan(0);
  const on = await withExtension(server, {});
  const notAllowed = on.fromExtension.filter((url) => !ALLOWED_EXTENSION_REQUESTS.some((a) => a.trigger === 'automatic' && a.matches(new URL(url))));
  expect(notAllowed, 'requests made by the extension itself').toEqual([]);
});

test('with its own requests turned off the extension makes none, and adds no request to any page', async ({ server }) => {
  test.setTimeout(Math.max(180_000, sites.length * 2 * 6000));
  expect(sites.length).toBeGreaterThan(0);

  // 2. Every allowlisted request turned off: nothing at all.
  const { ext, seen: off } = await startWithExtension(server, Object.fromEntries(ALLOWED_EXTENSION_REQUESTS.map((a) => [a.off.key, a.off.value])));

  // 3. The same pages without the extension, in a second browser at the same time (the two share
  // nothing but the fixture server): the extension added no request to any page.
  const profile = mkdtempSync(join(tmpdir(), 'candor-plain-'));
  let control: Seen;
  try {
    const plain = await chromium.launchPersistentContext(profile, {
      executablePath: findChromium(),
      headless: true,
      // presents like the audit browser (same user agent): vendor SDKs that skip bots must not differ
      userAgent: ext.userAgent,
      args: [`--user-agent=${ext.userAgent}`, `--host-resolver-rules=${server.hostResolverRules}`, '--ignore-certificate-errors', '--disable-background-networking', '--disable-blink-features=AutomationControlled', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      ignoreHTTPSErrors: true,
    });
    try {
      control = record(plain, null);
      await Promise.all([
        // six pages at a time in all, more of them in the browser whose visits are the longer
        visitAll(ext.context, off, server, ext, 2),
        visitAll(plain, control, server, null, 4),
      ]);
    } finally {
      await plain.close();
    }
  } finally {
    await ext.close();
    rmSync(profile, { recursive: true, force: true });
  }
  expect(off.fromExtension, 'requests made by the extension with its own requests turned off').toEqual([]);
  const added = [...off.pages].filter((p) => !control.pages.has(p));
  expect(added, 'page requests that only happen with the extension installed').toEqual([]);
});
