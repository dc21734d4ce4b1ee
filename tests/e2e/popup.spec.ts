// The popup on a real fixture page: the report at a glance, who is present, findings with why/what
// to do and evidence behind a disclosure, keyboard use, exports, the dashboard link, and axe checks in
// light and dark.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, reportFor, tabIdFor, test } from './fixtures';

async function openPopup(ext: import('../../src/cli/launch').Launched, server: import('../../src/cli/site-server').SiteServer): Promise<Page> {
  const page = await ext.context.newPage();
  const url = server.url('shop.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await reportFor(ext, url))?.findings.filter((f) => f.kind === 'tracker').length, { timeout: 15000 }).toBe(2);
  const tabId = await tabIdFor(ext, url);
  const popup = await ext.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.locator('.site')).toHaveText('shop.test');
  return popup;
}

async function axe(page: Page) {
  const r = await new AxeBuilder({ page }).analyze();
  // axe really ran on the page (an empty result would otherwise look like a pass)
  expect(r.passes.length).toBeGreaterThan(10);
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('at a glance: grade, six principles each with a sentence, who is present by category', async ({ ext, server }) => {
  const popup = await openPopup(ext, server);
  await expect(popup.getByRole('img', { name: /^Grade [A-F]/ })).toBeVisible();
  await expect(popup.locator('.principle')).toHaveCount(6);
  await expect(popup.locator('.principle[data-principle="privacy"] .summary')).toContainText(/\S/);
  // principles with nothing found fold into one line, each still a button that opens its panels
  const quiet = popup.getByTestId('quiet-principles');
  await expect(quiet).toContainText('Nothing found either way on this page:');
  await expect(quiet.locator('.principle[data-principle="human"] .principle-head')).toHaveText('Human');
  expect(await popup.getByText('Nothing found either way').count()).toBe(1);
  const presence = popup.getByRole('region', { name: /Who is present/ });
  await expect(presence).toContainText('2 companies on this page');
  await expect(presence.locator('li[data-category="analytics"] .who')).toHaveText('Google');
  await expect(presence.locator('li[data-category="social"] .who')).toHaveText('Facebook');
});

test('findings grouped by principle: why and what to do, evidence behind a disclosure, all by keyboard', async ({ ext, server }) => {
  const popup = await openPopup(ext, server);
  const privacy = popup.locator('.principle[data-principle="privacy"] .principle-head');
  await privacy.focus();
  await popup.keyboard.press('Enter');
  await expect(privacy).toHaveAttribute('aria-expanded', 'true');
  // the company's card says why once; the product inside it opens to its evidence
  const card = popup.getByTestId('company-card').filter({ hasText: 'Google Analytics' });
  await expect(card.locator('.card-why')).toContainText(/\S/);
  const ga = card.locator('.finding[data-kind="tracker"]', { hasText: 'Google Analytics' });
  await expect(ga.locator('.evidence')).toHaveCount(0);
  const title = ga.locator('.finding-title');
  await title.focus();
  await popup.keyboard.press('Space');
  await expect(title).toHaveAttribute('aria-expanded', 'true');
  await expect(card.locator('.card-action')).toContainText('What you can do:');
  await expect(ga.locator('.evidence code').first()).toContainText('www.google-analytics.com');
  // the other principles stay grouped and closed
  await expect(popup.locator('.principle[data-principle="consent"] .principle-head')).toHaveAttribute('aria-expanded', 'false');
});

test('the popup links to the dashboard at this site and exports JSON, CSV and HTML', async ({ ext, server }) => {
  const popup = await openPopup(ext, server);
  const link = popup.getByRole('link', { name: 'Open dashboard' });
  await expect(link).toHaveAttribute('href', `chrome-extension://${ext.extensionId}/dashboard.html#site/shop.test`);
  const opened = ext.context.waitForEvent('page');
  await link.click();
  const dash = await opened;
  await expect(dash.getByRole('heading', { name: 'shop.test' })).toBeVisible();

  const save = async (name: string) => {
    const d = popup.waitForEvent('download');
    await popup.getByRole('button', { name }).click();
    const dl = await d;
    return { file: dl.suggestedFilename(), text: readFileSync((await dl.path())!, 'utf8') };
  };
  const json = await save('Export JSON');
  expect(json.file).toBe('candor-shop.test.json');
  const reports = JSON.parse(json.text);
  expect(reports[0]).toMatchObject({ schemaVersion: 1, site: 'shop.test' });
  const csv = await save('Export CSV');
  expect(csv.text.split('\r\n')[0]).toMatch(/^\ufeffsite,url,generated_at,grade,principle,kind/);
  expect(csv.text).toContain('Google Analytics');
  const html = await save('Export HTML report');
  expect(html.text).toContain('<title>Candor report: shop.test</title>');
  expect(html.text).not.toMatch(/<script|<link |src="http/);
});

test('axe finds no accessibility violations in the popup, light and dark, open and closed', async ({ ext, server }) => {
  test.setTimeout(180_000); // four full axe runs on a shared 2-core machine
  const popup = await openPopup(ext, server);
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    expect(await axe(popup), `closed, ${scheme}`).toEqual([]);
    const head = popup.locator('.principle[data-principle="privacy"] .principle-head');
    if ((await head.getAttribute('aria-expanded')) !== 'true') await head.click();
    await popup.locator('.finding-title').first().click();
    await expect(popup.locator('.evidence').first()).toBeVisible();
    expect(await axe(popup), `open, ${scheme}`).toEqual([]);
    await popup.locator('.finding-title').first().click();
  }
});

test('a concern panel shows under its principle in the popup and in the dashboard, and stays accessible', async ({ ext, server }) => {
  test.setTimeout(180_000);
  const url = server.url('price-shop.test', '/product/lamp');
  const page = await ext.context.newPage();
  await page.goto(url);
  // the first visit's price is stored before the revisit, so the price history has two points
  const prices = async () =>
    (await ext.worker()).evaluate(async () => {
      const g = globalThis as unknown as { candor: { whenIdle(): Promise<void>; db: { prices: { where(k: string): { equals(v: string): { count(): Promise<number> } } } } } };
      await g.candor.whenIdle();
      return g.candor.db.prices.where('site').equals('price-shop.test').count();
    });
  await expect.poll(prices, { timeout: 15000 }).toBe(1);
  await page.goto(url);
  await expect.poll(async () => (await reportFor(ext, url))?.findings.some((f) => f.kind === 'price-change'), { timeout: 15000 }).toBe(true);
  const tabId = await tabIdFor(ext, url);
  const popup = await ext.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await popup.locator('.principle[data-principle="fairness"] .principle-head').click();
  await expect(popup.locator('.principle[data-principle="fairness"] .price-panel')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    expect(await axe(popup), scheme).toEqual([]);
  }
  const dash = await ext.context.newPage();
  await dash.goto(`chrome-extension://${ext.extensionId}/dashboard.html#site/price-shop.test`);
  await expect(dash.locator('.report.full .principle[data-principle="fairness"] .price-panel')).toBeVisible();
});
