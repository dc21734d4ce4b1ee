// The popup and the dashboard in Firefox: opened on a real page and on a seeded history, rendered,
// free of axe violations in light and dark, and their exports saved as files a person can open.
// axe-core's own script is injected into the page (@axe-core/playwright needs a Playwright page).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditPage } from '../../src/cli/driver';
import type { FirefoxLaunched } from '../../src/cli/firefox/launch';
import type { FirefoxPage } from '../../src/cli/firefox/page';
import type { SiteReport } from '../../src/model/report';
import { historyFixture } from '../fixtures/history';
import { expect, test } from './firefox-fixtures';
import { ROOT } from './fixtures';
import { reportOfTab, tabIdFor } from './parity/session';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

async function poll<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeout = 15000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const text = (p: AuditPage, sel: string) => p.evaluate((s: string) => Array.from(document.querySelectorAll(s), (e) => (e as HTMLElement).innerText.trim()), sel);

/** axe-core run in the page as @axe-core/playwright runs it (whole document, default rules). */
async function axe(p: AuditPage): Promise<string[]> {
  const raw = (p as FirefoxPage).raw;
  if (!(await raw.evaluate(() => 'axe' in window))) await raw.evaluate(AXE);
  const r = await raw.evaluate(async () => {
    const res = await (window as unknown as { axe: { run(d: Document): Promise<{ passes: unknown[]; violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document);
    return { passes: res.passes.length, violations: res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`) };
  });
  expect(r.passes).toBeGreaterThan(10); // axe really ran (an empty result would look like a pass)
  return r.violations;
}

/** Firefox's colour scheme for pages, as a person sets it (Settings → Website appearance). */
async function scheme(ff: FirefoxLaunched, p: AuditPage, s: 'light' | 'dark') {
  await ff.system(`Services.prefs.setIntPref("layout.css.prefers-color-scheme.content-override", ${s === 'dark' ? 0 : 1}); return true;`);
  await poll(`the ${s} scheme`, () => p.evaluate((d: boolean) => matchMedia('(prefers-color-scheme: dark)').matches === d, s === 'dark'));
}

/** Clicks the button named `name` (inside `within`), as a person would. */
async function press(p: AuditPage, name: string, within = 'body') {
  const at = await poll(`a button "${name}"`, () =>
    p.evaluate(
      ([n, w]: [string, string]) => {
        const b = Array.from(document.querySelectorAll(`${w} button`)).find((e) => (e as HTMLElement).innerText.trim() === n) as HTMLElement | undefined;
        if (!b) return null;
        b.scrollIntoView({ block: 'center' });
        const r = b.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      },
      [name, within] as [string, string],
    ),
  );
  await p.mouse.click(at.x, at.y);
}

/** The file Firefox saved into the downloads folder under `name`, once complete. */
async function saved(dir: string, name: string): Promise<string> {
  return poll(`${name} to be saved`, async () => {
    const f = join(dir, name);
    // Firefox writes <name>.part until the download is complete
    return existsSync(f) && !readdirSync(dir).some((x) => x.endsWith('.part')) ? readFileSync(f, 'utf8') : null;
  });
}

async function openPopupOnShop(ff: FirefoxLaunched, server: { url(h: string, p?: string): string }) {
  const page = await ff.newPage();
  const url = server.url('shop.test', '/');
  await page.goto(url);
  const tabId = await poll('the tab', () => tabIdFor(ff, url));
  await poll('two trackers', async () => (await reportOfTab(ff, tabId))?.findings.filter((f) => f.kind === 'tracker').length === 2);
  const popup = await ff.extensionPage(`popup.html?tabId=${tabId}`);
  await popup.setViewportSize({ width: 400, height: 600 });
  await poll('the report', async () => (await text(popup, '.site'))[0] === 'shop.test');
  return { page, popup, tabId };
}

test('the popup in Firefox: the report at a glance, findings behind their principle, axe-clean light and dark, exports, the dashboard link', async ({ ff, server, downloads }) => {
  test.setTimeout(180_000);
  const { popup } = await openPopupOnShop(ff, server);
  expect(await popup.evaluate(() => document.querySelectorAll('.principle').length)).toBe(6);
  expect(await popup.evaluate(() => /^Grade [A-F]/.test(document.querySelector('[role="img"][aria-label^="Grade"]')?.getAttribute('aria-label') ?? ''))).toBe(true);
  expect((await text(popup, 'section[aria-labelledby="presence-h"]')).join('\n')).toContain('2 companies on this page');
  expect(await text(popup, 'section.presence li[data-category="analytics"] .who')).toEqual(['Google']);
  expect(await text(popup, '[data-testid="quiet-principles"] .principle[data-principle="human"] .principle-head')).toEqual(['Human']);
  for (const s of ['light', 'dark'] as const) {
    await scheme(ff, popup, s);
    expect(await axe(popup), `closed, ${s}`).toEqual([]);
    if ((await popup.evaluate(() => document.querySelector('.principle[data-principle="privacy"] .principle-head')?.getAttribute('aria-expanded'))) !== 'true') {
      await popup.locator('.principle[data-principle="privacy"] .principle-head').click();
    }
    await popup.locator('.finding-title').click();
    await poll('the evidence', () => popup.evaluate(() => !!document.querySelector('.evidence')));
    expect((await text(popup, '.finding[data-kind="tracker"] .evidence code')).join(' ')).toContain('www.');
    expect(await axe(popup), `open, ${s}`).toEqual([]);
    await popup.locator('.finding-title').click();
  }

  // exports are files a person can open
  await press(popup, 'Export JSON');
  const [report] = JSON.parse(await saved(downloads, 'candor-shop.test.json')) as SiteReport[];
  expect(report).toMatchObject({ schemaVersion: 1, site: 'shop.test', tool: { browser: expect.stringMatching(/^firefox \d+$/) } });
  expect(report!.findings.map((f) => f.vendor)).toEqual(expect.arrayContaining(['Google Analytics', 'Facebook']));
  await press(popup, 'Export CSV');
  const csv = await saved(downloads, 'candor-shop.test.csv');
  expect(csv.split('\r\n')[0]).toMatch(/^\ufeffsite,url,generated_at,grade,principle,kind/);
  expect(csv).toContain('Google Analytics');
  await press(popup, 'Export HTML report');
  const html = await saved(downloads, 'candor-shop.test.html');
  expect(html).toContain('<title>Candor report: shop.test</title>');
  expect(html).not.toMatch(/<script|<link |src="http/);

  const before = await ff.inExtension(async (x) => (await x.browser.tabs.query({})).length);
  const link = await popup.evaluate(() => (document.querySelector('a.dash-link') as HTMLAnchorElement).href);
  expect(link).toBe(ff.extensionUrl('dashboard.html#site/shop.test'));
  await popup.locator('a.dash-link').click();
  await poll('the dashboard tab', async () => (await ff.inExtension(async (x) => (await x.browser.tabs.query({})).map((t) => t.url))).includes(link));
  expect(await ff.inExtension(async (x) => (await x.browser.tabs.query({})).length)).toBe(before + 1);
});

test('the dashboard in Firefox: a seeded history listed, every view axe-clean light and dark, and everything exported', async ({ ff, downloads }) => {
  test.setTimeout(240_000);
  const h = historyFixture(Date.now());
  await ff.inExtension(async (x, json: string) => {
    const data = JSON.parse(json) as { sites: unknown[]; visits: unknown[]; findings: unknown[] };
    type T = { bulkPut(rows: unknown[]): Promise<unknown> };
    const db = x.candor.db as { transaction(m: string, a: T, b: T, c: T, f: () => Promise<void>): Promise<void>; sites: T; visits: T; findings: T };
    await db.transaction('rw', db.sites, db.visits, db.findings, async () => {
      await db.sites.bulkPut(data.sites);
      await db.visits.bulkPut(data.visits);
      await db.findings.bulkPut(data.findings);
    });
  }, JSON.stringify(h));
  const dash = await ff.extensionPage('dashboard.html#sites');
  await dash.setViewportSize({ width: 1280, height: 900 });
  const n = h.sites.length;
  await poll('the site list', async () => (await text(dash, '[data-testid="site-count"]'))[0] === `${n} of ${n} sites`);
  const site = h.sites[0]!.site;
  for (const s of ['light', 'dark'] as const) {
    await scheme(ff, dash, s);
    for (const route of ['sites', 'companies', 'trends', 'data', `site/${encodeURIComponent(site)}`]) {
      await dash.evaluate((r: string) => (location.hash = r), route);
      await poll(`the ${route} view`, () => dash.evaluate((r: string) => location.hash === `#${r}` && !!document.querySelector('main h2'), route));
      await dash.waitForSelector('main h2');
      expect(await axe(dash), `${route}, ${s}`).toEqual([]);
    }
  }
  await dash.evaluate(() => (location.hash = 'data'));
  const day = new Date().toISOString().slice(0, 10);
  await press(dash, 'Export JSON', '[role="group"][aria-label="Export everything"]');
  const reports = JSON.parse(await saved(downloads, `candor-history-${day}.json`)) as SiteReport[];
  expect(reports).toHaveLength(h.visits.length);
  await press(dash, 'Export CSV', '[role="group"][aria-label="Export everything"]');
  expect((await saved(downloads, `candor-history-${day}.csv`)).trimEnd().split('\r\n').length - 1).toBe(h.findings.length);
  await press(dash, 'Export HTML report', '[role="group"][aria-label="Export everything"]');
  const html = await saved(downloads, `candor-history-${day}.html`);
  expect(html).toContain('<title>Candor: your history</title>');
  expect(html).not.toContain('<script');
});
