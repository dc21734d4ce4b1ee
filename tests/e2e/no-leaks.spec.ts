// Nothing leaves: every fixture site is loaded with the extension while every request the browser
// makes is recorded (Playwright sees the extension's service worker and extension pages too, even
// requests that fail DNS). The extension may only make the requests in network-allowlist.ts, and
// with those turned off it makes none. Its content scripts may add no request to any page: the
// pages' requests are compared with the same pages loaded without the extension.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Request } from 'playwright-core';
import { findChromium } from '../../src/cli/find-browser';
import { launchWithExtension, type Launched } from '../../src/cli/launch';
import type { SiteServer } from '../../src/cli/site-server';
import { EXT_DIR, expect, SITES, test } from './fixtures';
import { ALLOWED_EXTENSION_REQUESTS } from './network-allowlist';

const SETTLE_MS = 1500;
const sites = readdirSync(SITES).filter((d) => existsSync(join(SITES, d, 'index.html'))).sort();

interface Seen {
  fromExtension: string[];
  pages: Set<string>;
}

function record(context: BrowserContext, extensionId: string | null): Seen {
  const seen: Seen = { fromExtension: [], pages: new Set() };
  const own = extensionId ? `chrome-extension://${extensionId}/` : '\0';
  context.on('request', (r: Request) => {
    const url = r.url();
    if (url.startsWith(own) || url.startsWith('data:') || url.startsWith('blob:')) return; // its own files
    const sw = r.serviceWorker();
    let pageUrl = '';
    try {
      pageUrl = r.frame().page().url();
    } catch {
      // service worker requests have no frame
    }
    if (sw?.url().startsWith(own) || pageUrl.startsWith(own)) seen.fromExtension.push(url);
    else {
      const u = new URL(url);
      seen.pages.add(`${u.protocol}//${u.host}${u.pathname}`);
    }
  });
  return seen;
}

async function visitAll(context: BrowserContext, server: SiteServer, ext: Launched | null, settle = SETTLE_MS) {
  for (const site of sites) {
    const page = await context.newPage();
    await page.goto(server.url(site, '/'), { waitUntil: 'load', timeout: 20000 }).catch(() => {});
    await page.waitForTimeout(settle);
    if (ext) {
      // the popup is an extension page: it must not fetch anything either
      const tabId = await (await ext.worker()).evaluate(async (u: string) => ((await (globalThis as any).chrome.tabs.query({})) as { id: number; url: string }[]).find((t) => t.url === u)?.id ?? -1, page.url());
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
      await popup.waitForTimeout(300);
      await popup.close();
    }
    await page.close();
  }
}

let userAgent = '';

async function withExtension(server: SiteServer, settings: Record<string, unknown>) {
  const ext = await launchWithExtension({ extensionDir: EXT_DIR, hostResolverRules: server.hostResolverRules, insecure: true });
  userAgent = ext.userAgent;
  try {
    const seen = record(ext.context, ext.extensionId);
    await (await ext.worker()).evaluate(async (s: Record<string, unknown>) => {
      const db = (globalThis as any).candor.db;
      for (const [key, value] of Object.entries(s)) await db.settings.put({ key, value });
    }, settings);
    await visitAll(ext.context, server, ext);
    return seen;
  } finally {
    await ext.close();
  }
}

// The two halves visit every fixture site; running them side by side keeps the suite short.
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
  const off = await withExtension(server, Object.fromEntries(ALLOWED_EXTENSION_REQUESTS.map((a) => [a.off.key, a.off.value])));
  expect(off.fromExtension, 'requests made by the extension with its own requests turned off').toEqual([]);

  // 3. The same pages without the extension: the extension added no request to any page.
  const profile = mkdtempSync(join(tmpdir(), 'candor-plain-'));
  const plain = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    // presents like the audit browser (same user agent): vendor SDKs that skip bots must not differ
    userAgent,
    args: [`--user-agent=${userAgent}`, `--host-resolver-rules=${server.hostResolverRules}`, '--ignore-certificate-errors', '--disable-background-networking', '--disable-blink-features=AutomationControlled', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    ignoreHTTPSErrors: true,
  });
  let control: Seen;
  try {
    control = record(plain, null);
    // twice as long: a late beacon the extension run saw must have its chance here too
    await visitAll(plain, server, null, SETTLE_MS * 2);
  } finally {
    await plain.close();
    rmSync(profile, { recursive: true, force: true });
  }
  const added = [...off.pages].filter((p) => !control.pages.has(p));
  expect(added, 'page requests that only happen with the extension installed').toEqual([]);
});
