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
    const fs = await db.findings.where('visitId').equals(tab.visitId).toArray();
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
  await (await ext.worker()).evaluate(
    async ({ id, payloads }: { id: number; payloads: string[] }) => {
      const g = globalThis as any;
      await g.candor.whenIdle();
      const db = g.candor.db;
      const tab = await db.tabs.get(id);
      const visit = await db.visits.get(tab.visitId);
      await db.findings.put({
        id: `${visit.id}|ai-chat:hostile`, key: 'ai-chat:hostile', visitId: visit.id, site: visit.site, kind: 'ai-chat',
        title: payloads[0], vendor: payloads[1], company: payloads[3], category: payloads[0],
        source: 'dom', confidence: 'likely', count: 2, firstAt: Date.now(), lastAt: Date.now(),
        evidence: payloads.map((p: string) => ({ url: p, detail: p, at: p })), details: { text: payloads[1], price: payloads[0], link: payloads[2] },
      });
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
    db.findings.bulkPut = () => Promise.reject(Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }));
  });
  const page = await ext.context.newPage();
  const url = server.url('shop.test', '/');
  await page.goto(url);
  const tabId = await tabIdFor(ext, url);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.getByRole('alert')).toContainText('storage is full', { timeout: 15000 });
  // and nothing half-written: the visit exists, with no finding rows
  const n = await sw.evaluate(async (id: number) => {
    const db = (globalThis as any).candor.db;
    const tab = await db.tabs.get(id);
    return db.findings.where('visitId').equals(tab.visitId).count();
  }, tabId);
  expect(n).toBe(0);
});
