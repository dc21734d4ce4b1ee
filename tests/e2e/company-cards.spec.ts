// One card per company in the popup: the products, cookies and other findings of one company read as
// one card (its name, what it gets, what to do and why once, its products inside, strongest first);
// two companies are two cards.
import type { Page } from '@playwright/test';
import { expect, reportFor, tabIdFor, test } from './fixtures';

async function popupFor(ext: import('../../src/cli/launch').Launched, server: import('../../src/cli/site-server').SiteServer, host: string, trackers: number): Promise<Page> {
  const page = await ext.context.newPage();
  const url = server.url(host, '/');
  await page.goto(url);
  await expect.poll(async () => (await reportFor(ext, url))?.findings.filter((f) => f.kind === 'tracker').length, { timeout: 15000 }).toBe(trackers);
  const tabId = await tabIdFor(ext, url);
  const popup = await ext.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.locator('.site')).toHaveText(host);
  await popup.locator('.principle[data-principle="privacy"] .principle-head').click();
  return popup;
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

test('four products of one company are one card, with its explanation once and the strongest evidence first', async ({ ext, server }) => {
  const popup = await popupFor(ext, server, 'google-suite.test', 4);
  const cards = popup.getByTestId('company-card');
  await expect(cards).toHaveCount(1);
  const google = cards.first();
  await expect(google).toHaveAttribute('data-company', 'Google');
  await expect(google.getByRole('heading', { level: 3 })).toHaveText('Google');
  // its four products and its cookie are inside the card
  const items = google.getByTestId('finding');
  await expect(items.filter({ hasText: 'Google Analytics · Analytics' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'Google Optimize' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'Google AMP' })).toHaveCount(1);
  await expect(items.filter({ hasText: '_ga' })).toHaveCount(1);
  // the advertising product is the strongest evidence: it leads, and its explanation speaks for the card
  await expect(items.first()).toContainText('Google/Doubleclick Ads · Advertising');
  await expect(google.locator('.learns')).toHaveText('Gets from this visit: identifiers and pages you view.');
  // the badge counts the one company told, as the headline does, not its four trackers
  await expect(popup.getByTestId('headline')).toHaveText('1 company learns about this visit.');
  const sw = await ext.worker();
  const tabId = Number(new URL(popup.url()).searchParams.get('tabId'));
  expect(await sw.evaluate((id: number) => (globalThis as any).chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('1');
  const text = (await popup.locator('body').innerText()).replace(/\s+/g, ' ');
  expect(occurrences(text, 'Google can recognise you across the many sites that use it')).toBe(1);
  expect(occurrences(text, 'What you can do: Block this category of third parties on this site')).toBe(1);
  expect(text).not.toMatch(/Google \(Google\)/);
  // opening a product shows its evidence, and no second copy of the card's explanation
  await items.filter({ hasText: 'Google Analytics · Analytics' }).locator('.finding-title').click();
  await expect(google.locator('.evidence code').first()).toContainText('www.google-analytics.com');
  const open = (await popup.locator('body').innerText()).replace(/\s+/g, ' ');
  expect(occurrences(open, 'Google can recognise you across the many sites that use it')).toBe(1);
});

test('two companies are two cards, each with its own explanation, and no title names a company twice', async ({ ext, server }) => {
  const popup = await popupFor(ext, server, 'shop.test', 2);
  const cards = popup.getByTestId('company-card');
  await expect(cards).toHaveCount(2);
  expect((await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-company')))).sort()).toEqual(['Facebook', 'Google']);
  await expect(cards.filter({ hasText: 'Facebook' }).locator('.card-why')).toContainText('Facebook can recognise you');
  await expect(cards.filter({ hasText: 'Google Analytics' }).locator('.card-why')).toContainText('Google receives the address of the page you view');
  const text = await popup.locator('body').innerText();
  expect(text).not.toMatch(/Facebook \(Facebook\)/);
});

test('the headline sums up the page in counted claims, above a by-purpose picture a screen reader reads as a list', async ({ ext, server }) => {
  const popup = await popupFor(ext, server, 'clarity.test', 1);
  await expect(popup.getByTestId('headline')).toHaveText('1 company learns about this visit; 1 records your screen.');
  await popup.screenshot({ path: test.info().outputPath('clarity.png'), fullPage: true });
  const shop = await popupFor(ext, server, 'shop.test', 2);
  await expect(shop.getByTestId('headline')).toHaveText('2 companies learn about this visit.');
  // the bar is a picture only; its words are the list beside it, one purpose a line with its count
  await expect(shop.locator('.purpose-bar')).toHaveAttribute('aria-hidden', 'true');
  const list = shop.getByRole('list', { name: 'Companies by purpose' });
  await expect(list.getByRole('listitem')).toHaveText(['Analytics1:Google', 'Social media1:Facebook']);
  // scores read "N/100", counts say what they count
  await expect(shop.locator('.principle[data-principle="privacy"] .score [aria-hidden="true"]')).toHaveText(/^\d+\/100$/);
  await expect(shop.locator('.principle[data-principle="privacy"] .n')).toHaveText(/^\d+ findings?$/);
  await shop.screenshot({ path: test.info().outputPath('shop.png'), fullPage: true });
});

test('a card’s block button blocks that company on this site: the badge and the popup drop it, undo brings it back', async ({ ext, server }) => {
  const popup = await popupFor(ext, server, 'shop.test', 2);
  const tabId = Number(new URL(popup.url()).searchParams.get('tabId'));
  const page = ext.context.pages().find((p) => p.url().startsWith(server.url('shop.test', '/')))!;
  const badge = async () => (await ext.worker()).evaluate((id: number) => (globalThis as any).chrome.action.getBadgeText({ tabId: id }), tabId);
  const facebook = popup.locator('[data-testid="company-card"][data-company="Facebook"]');
  const google = popup.locator('[data-testid="company-card"][data-company="Google"]');
  expect(await badge()).toBe('2');
  // what you can do comes before why, and the card can do it itself
  await expect(facebook.locator('.card-action + .card-block + .card-why')).toHaveCount(1);
  await facebook.getByRole('button', { name: 'Block Facebook on this site' }).click();
  await expect(facebook.getByRole('status')).toContainText(/Blocked on this site: [^.]*facebook/);
  await expect(facebook.getByRole('button', { name: 'Undo: unblock Facebook' })).toBeVisible();
  await expect(google.getByRole('button', { name: 'Block Google on this site' })).toBeVisible();

  const hits = (from: number, host: RegExp) => server.requests.slice(from).filter((r) => host.test(r.host)).length;
  let mark = server.requests.length;
  await page.reload();
  await expect.poll(() => hits(mark, /google-analytics\.com$/), { timeout: 10000 }).toBeGreaterThan(0);
  await page.waitForTimeout(1500); // the pixel's request would have gone out with the page's other requests
  expect(hits(mark, /facebook\.(com|net)$/)).toBe(0);
  // the visit after the block: Facebook tried and was stopped, so it is credited; Google still learns about the visit
  await expect.poll(badge, { timeout: 10000 }).toBe('1');
  await expect(popup.getByTestId('headline')).toHaveText('1 company learns about this visit.');
  await expect(facebook).toHaveClass(/\bgood\b/);
  await expect(google).toHaveClass(/\bconcern\b/);

  await facebook.getByRole('button', { name: 'Undo: unblock Facebook' }).click();
  await expect(facebook.getByRole('status')).toHaveText('Facebook is no longer blocked on this site.');
  mark = server.requests.length;
  await page.reload();
  await expect.poll(() => hits(mark, /facebook\.(com|net)$/), { timeout: 10000 }).toBeGreaterThan(0);
  await expect.poll(badge, { timeout: 10000 }).toBe('2');
});

test('the dashboard shows the same cards without block buttons: it has no tab to act on', async ({ ext, server }) => {
  const popup = await popupFor(ext, server, 'shop.test', 2);
  await expect(popup.locator('.card-block button')).toHaveCount(2);
  await popup.goto(`chrome-extension://${ext.extensionId}/dashboard.html#site/shop.test`);
  await expect(popup.getByTestId('company-card').first()).toBeVisible();
  await expect(popup.locator('.card-block')).toHaveCount(0);
});
