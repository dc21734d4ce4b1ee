// `npm run screenshots`: pictures of the popup and the dashboard, light and dark, for the README.
// Builds nothing: it loads the already built extension (.output/chrome-mv3; run `npm run build:chrome`
// first), visits a demo site served on loopback for the popup, and seeds the dashboard with the
// fixture history (tests/fixtures/history.ts). Writes docs/screenshots/{popup,dashboard}-{light,dark}.png
// for the README and, for the browser stores (which take 1280×800 only), store-{1,2}.png: the popup open
// over the page it reports on, and the dashboard.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { launchWithExtension } from '../src/cli/launch';
import { serveSites } from '../src/cli/site-server';
import { HOSTILE, historyFixture } from '../tests/fixtures/history';
import { seedHistory } from '../tests/e2e/seed';

// Loopback fixture pages only: as root (a container) Chromium runs without its sandbox, explicitly and
// with the launcher's warning (src/cli/launch.ts, sandboxOff); as any other user the sandbox stays on.
if (process.getuid?.() === 0) process.env.CANDOR_NO_SANDBOX ??= '1';


const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXT = join(ROOT, '.output/chrome-mv3');
const OUT = join(ROOT, 'docs/screenshots');

/** the one screenshot size both stores take (Chrome Web Store: 1280×800 or 640×400) */
export const STORE = { width: 1280, height: 800 };

/** The page at store size with the popup where the browser opens it, under the toolbar's right end. */
async function storeShot(context: BrowserContext, name: string, page: Buffer, panel: Buffer): Promise<void> {
  const sheet = await context.newPage();
  try {
    await sheet.setViewportSize(STORE);
    const img = (b: Buffer) => `data:image/png;base64,${b.toString('base64')}`;
    await sheet.setContent(
      `<body style="margin:0;position:relative;width:${STORE.width}px;height:${STORE.height}px;overflow:hidden">` +
        `<img src="${img(page)}" style="position:absolute;inset:0;filter:brightness(.82)">` +
        `<img src="${img(panel)}" style="position:absolute;top:24px;right:32px;width:400px;height:600px;border-radius:10px;box-shadow:0 12px 40px rgba(0,0,0,.45)">` +
        '</body>',
    );
    await sheet.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
    await sheet.screenshot({ path: join(OUT, name) });
  } finally {
    await sheet.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(EXT, 'manifest.json'))) throw new Error('no built extension in .output/chrome-mv3: run `npm run build:chrome` first');
  mkdirSync(OUT, { recursive: true });
  const server = await serveSites({ roots: [join(ROOT, 'seeds/demo/sites')], projectRoot: ROOT });
  const ext = await launchWithExtension({ extensionDir: EXT, hostResolverRules: server.hostResolverRules, insecure: true });
  try {
    const site = await ext.context.newPage();
    const url = 'https://www.acme-outdoor.test/';
    await site.goto(url);
    const sw = await ext.worker();
    // Wait until the extension has stored what the page did.
    let tabId = -1;
    for (let i = 0; i < 50; i++) {
      tabId = await sw.evaluate(async (u: string) => {
        const g = globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } }; candor: { whenIdle(): Promise<void>; reportForTab(id: number): Promise<{ findings: unknown[] } | null> } };
        const t = (await g.chrome.tabs.query({})).find((x) => x.url === u);
        if (!t?.id) return -1;
        await g.candor.whenIdle();
        const r = await g.candor.reportForTab(t.id);
        return r && r.findings.length >= 2 ? t.id : -1;
      }, url);
      if (tabId >= 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (tabId < 0) throw new Error('the demo page produced no report');
    // The hostile site is for tests; a README picture should show what a person would see.
    const h = historyFixture(Date.now());
    await seedHistory(ext, { sites: h.sites.filter((s) => s.site !== HOSTILE.site), visits: h.visits.filter((v) => v.site !== HOSTILE.site), findings: h.findings.filter((f) => f.site !== HOSTILE.site) });

    for (const scheme of ['light', 'dark'] as const) {
      const popup = await ext.context.newPage();
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
      await popup.locator('.principle[data-principle="privacy"] .principle-head').click();
      await popup.locator('.finding-title').first().click();
      await popup.screenshot({ path: join(OUT, `popup-${scheme}.png`), fullPage: true });
      if (scheme === 'light') {
        await site.setViewportSize(STORE);
        const page = await site.screenshot();
        const panel = await popup.screenshot({ clip: { x: 0, y: 0, width: 400, height: 600 } });
        await storeShot(ext.context, 'store-1.png', page, panel);
      }
      await popup.close();

      const dash = await ext.context.newPage();
      await dash.setViewportSize({ width: 1280, height: 860 });
      await dash.emulateMedia({ colorScheme: scheme });
      await dash.goto(`chrome-extension://${ext.extensionId}/dashboard.html#companies`);
      await dash.locator('.reach li').first().waitFor();
      await dash.screenshot({ path: join(OUT, `dashboard-${scheme}.png`) });
      if (scheme === 'light') {
        await dash.setViewportSize(STORE);
        await dash.screenshot({ path: join(OUT, 'store-2.png') });
      }
      await dash.close();
    }
    process.stdout.write(`Screenshots written to ${OUT}/\n`);
  } finally {
    await ext.close();
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`screenshots: ${(e as Error)?.message ?? e}\n`);
    process.exit(1);
  },
);
