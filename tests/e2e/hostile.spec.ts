// Hostile pages: a page that forges bridge events, floods mutations and requests, nests
// deeply and carries script/HTML payloads everywhere. The extension stays responsive, stores a
// bounded amount, never turns page claims into network evidence, and neither the popup nor the HTML
// export ever runs page content.
import type { Page } from '@playwright/test';
import { CAPS } from '../../src/background/caps';
import type { Launched } from '../../src/cli/launch';
import { exportHtml } from '../../src/report/export-html';
import { expect, reportFor, tabIdFor, test } from './fixtures';

const PAYLOADS = [
  `"><img src=x onerror="window.__pwned='title'">`,
  `<script>window.__pwned='script'</script>`,
  `javascript:window.__pwned='href'`,
  `<svg onload="window.__pwned='svg'"></svg>`,
];

/** Nothing from the page became markup or ran: no payload elements, no handlers, no dialog. */
async function expectInert(page: Page, dialogs: string[]) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"], [onerror], [onload], [onmouseover], script:not([src]), a[href^="javascript:"]').count()).toBe(0);
  expect(dialogs).toEqual([]);
}

async function loadHostile(ext: Launched, url: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __stormStarted?: boolean }).__stormStarted === true);
  await page.waitForTimeout(3500); // the storm runs for 3 s
  return page;
}

test('a hostile page cannot forge network findings, flood storage or stall the extension', async ({ ext, server }) => {
  const url = server.url('hostile.test', '/');
  await loadHostile(ext, url);
  await expect.poll(async () => (await reportFor(ext, url))?.findings.some((f) => f.vendor === 'Google Analytics'), { timeout: 20000 }).toBe(true);
  const report = (await reportFor(ext, url))!;

  // Forged events claimed DoubleClick and network sources: only the real request is network evidence.
  expect(report.findings.filter((f) => f.source === 'network').map((f) => f.vendor)).toEqual(['Google Analytics']);
  expect(report.findings.some((f) => /doubleclick/i.test(`${f.vendor} ${f.company}`))).toBe(false);
  // The forged `hj` global does show, but as what it is: the page's word.
  for (const f of report.findings.filter((x) => x.source !== 'network')) expect(f.source).toMatch(/^(page|dom)$/);

  // Storage stayed bounded (src/background/caps.ts).
  const tabId = await tabIdFor(ext, url);
  const stored = await (await ext.worker()).evaluate(async (id: number) => {
    const db = (globalThis as any).candor.db;
    const tab = await db.tabs.get(id);
    // the visit's one row: its findings as merged from what the page sent
    const fs = (await db.reports.get(tab.visitId))?.raw ?? [];
    const sizes = fs.map((f: unknown) => JSON.stringify(f).length);
    return { count: fs.length, total: sizes.reduce((a: number, b: number) => a + b, 0), max: Math.max(0, ...sizes), protoPolluted: ({} as any).polluted === true };
  }, tabId);
  expect(stored.count).toBeLessThanOrEqual(CAPS.findingsPerVisit);
  expect(stored.max).toBeLessThan(CAPS.detailsChars + 8000);
  expect(stored.total).toBeLessThan(1_000_000);
  expect(stored.protoPolluted).toBe(false);

  // Still responsive: another tab's page is observed and reported as usual.
  const other = await ext.context.newPage();
  const shop = server.url('shop.test', '/');
  await other.goto(shop);
  await expect
    .poll(async () => (await reportFor(ext, shop))?.findings.filter((f) => f.kind === 'tracker').map((f) => f.company).sort(), { timeout: 20000 })
    .toEqual(['Facebook', 'Google']);
});

test('the popup and the HTML export show page payloads as text and never run them', async ({ ext, server }) => {
  const url = server.url('hostile.test', '/');
  await loadHostile(ext, url);
  const tabId = await tabIdFor(ext, url);
  // What a detector may pass on from a page (chat text, prices, link text, URLs) lands in a finding.
  // It goes in through the writer, as every finding does, so the stored report carries it.
  await (await ext.worker()).evaluate(
    async ({ id, payloads }: { id: number; payloads: string[] }) => {
      const g = globalThis as any;
      await g.candor.whenIdle();
      const visit = await g.candor.engine.visitFor(id);
      const draft = {
        key: 'ai-chat:hostile', kind: 'ai-chat', title: payloads[0], vendor: payloads[1], company: payloads[3], category: payloads[0],
        source: 'dom', confidence: 'likely',
        evidence: payloads.map((p: string) => ({ url: p, detail: p, at: p })), details: { text: payloads[1], price: payloads[0], link: payloads[2] },
      };
      await g.candor.engine.writer.add(visit, [draft, draft]);
      await g.candor.whenIdle();
    },
    { id: tabId, payloads: PAYLOADS },
  );

  const popup = await ext.context.newPage();
  const dialogs: string[] = [];
  popup.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  // open every principle in turn (one at a time) and every finding in it
  for (const p of ['privacy', 'transparency']) {
    await popup.locator(`.principle[data-principle="${p}"] .principle-head`).click();
    for (const f of await popup.locator(`.principle[data-principle="${p}"] .finding-title`).all()) await f.click();
    await expectInert(popup, dialogs);
  }
  await expect(popup.getByText(PAYLOADS[0]!, { exact: false }).first()).toBeVisible();
  await expect(popup.getByText(PAYLOADS[3]!, { exact: false }).first()).toBeVisible();

  const report = (await reportFor(ext, url))!;
  expect(report.findings.find((f) => f.kind === 'ai-chat')?.vendor).toBe(PAYLOADS[1]); // data kept as data
  const html = exportHtml(report);
  const view = await ext.context.newPage();
  const viewDialogs: string[] = [];
  view.on('dialog', (d) => void (viewDialogs.push(d.message()), d.dismiss()));
  await view.setContent(html);
  await expect(view.getByText(PAYLOADS[1]!, { exact: false }).first()).toBeVisible();
  await expectInert(view, viewDialogs);
});

test('a full disk is shown in the popup as a clear banner', async ({ ext, server }) => {
  const sw = await ext.worker();
  await sw.evaluate(() => {
    const db = (globalThis as any).candor.db;
    db.reports.bulkPut = () => Promise.reject(Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }));
  });
  const page = await ext.context.newPage();
  const url = server.url('shop.test', '/');
  await page.goto(url);
  const tabId = await tabIdFor(ext, url);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.getByRole('alert')).toContainText('storage is full', { timeout: 15000 });
  // and nothing half-written: the visit exists, with no findings stored
  const n = await sw.evaluate(async (id: number) => {
    const db = (globalThis as any).candor.db;
    const tab = await db.tabs.get(id);
    if (!(await db.visits.get(tab.visitId))) return -1;
    return ((await db.reports.get(tab.visitId))?.raw ?? []).length;
  }, tabId);
  expect(n).toBe(0);
});

test('a page making up thousands of distinct keys leaves storage bounded and its real findings in the popup', async ({ ext, server }) => {
  const url = server.url('flood.test', '/');
  const page = await ext.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __floodStarted?: boolean }).__floodStarted === true);
  const tabId = await tabIdFor(ext, url);
  const sw = await ext.worker();
  // the nine documents offer 9 × 300 × 20 = 54,000 vendor names; wait until the worker has taken in
  // what it will (the frames' second posts arrive after 300 ms) and its report shows the limit
  const rows = () =>
    sw.evaluate(async (id: number) => {
      const g = (globalThis as any).candor;
      await g.whenIdle();
      const db = g.db;
      const tab = await db.tabs.get(id);
      const visit = await db.visits.get(tab.visitId);
      const counts: Record<string, number> = {};
      for (const t of ['experiments', 'prices', 'countdowns', 'sightings', 'reports', 'visits', 'findings', 'meta']) counts[t] = await db[t].count();
      return { counts, raw: ((await db.reports.get(tab.visitId))?.raw ?? []).length, visit };
    }, tabId);
  await expect.poll(async () => ((await rows()).visit?.rowsDropped ?? 0) > 1000, { timeout: 30000 }).toBe(true);
  await page.waitForFunction(() => document.querySelectorAll('iframe').length === 8);
  const { counts, raw, visit } = await rows();
  expect(counts.experiments).toBeLessThanOrEqual(CAPS.experimentsPerVisit);
  expect(counts.meta).toBe(0);
  expect(raw).toBeLessThanOrEqual(2 * CAPS.findingsPerVisit);
  expect(visit.findingCount).toBeLessThanOrEqual(2 * CAPS.findingsPerVisit);

  // the report says so, and still shows the page's one real tracker
  const report = (await reportFor(ext, url))!;
  expect(report.limited?.rows).toBeGreaterThan(1000);
  expect(report.findings.filter((f) => f.source === 'network').map((f) => f.vendor)).toContain('Google Analytics');
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.getByTestId('limited')).toContainText('observation was limited');
  await popup.locator('.principle[data-principle="privacy"] .principle-head').click();
  await expect(popup.locator('.principle[data-principle="privacy"] .finding-title', { hasText: 'Google Analytics' }).first()).toBeVisible();
});
