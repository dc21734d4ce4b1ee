// Fairness end to end: a shop that charges returning visitors more, a clean-visit comparison, real
// experiment SDKs (GrowthBook, Optimizely, LaunchDarkly), a fake countdown, and pages that must stay quiet.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Launched } from '../../src/cli/launch';
import type { Finding } from '../../src/model/finding';
import type { SiteReport } from '../../src/model/report';
import { expect, reportFor, ROOT, tabIdFor, test } from './fixtures';

const run = promisify(execFile);

const of = (r: SiteReport | null, kind: string): Finding[] => (r?.findings ?? []).filter((f) => f.kind === kind);

async function openFairness(ext: Launched, url: string) {
  const tabId = await tabIdFor(ext, url);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await popup.locator('.principle[data-principle="fairness"] .principle-head').click();
  return popup;
}

/** Waits until the extension has stored a price for the page the tab shows. */
async function pricesStored(ext: Launched, site: string): Promise<number> {
  const sw = await ext.worker();
  return sw.evaluate(async (s: string) => {
    const g = globalThis as unknown as { candor: { whenIdle(): Promise<void>; db: { prices: { where(k: string): { equals(v: string): { count(): Promise<number> } } } } } };
    await g.candor.whenIdle();
    return g.candor.db.prices.where('site').equals(s).count();
  }, site);
}

test('a returning visitor pays more: the popup shows the change, the history and a clean-visit difference', async ({ ext, server }) => {
  const url = server.url('price-shop.test', '/product/lamp');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect.poll(() => pricesStored(ext, 'price-shop.test'), { timeout: 15000 }).toBe(1);
  expect(of(await reportFor(ext, url), 'price-change')).toEqual([]);

  await page.goto(url); // the revisit: the shop's cookie is now sent
  await expect.poll(async () => of(await reportFor(ext, url), 'price-change').length, { timeout: 15000 }).toBe(1);
  const change = of(await reportFor(ext, url), 'price-change')[0]!;
  expect(change.details).toMatchObject({ product: 'Desk Lamp', before: 100, after: 119, currency: 'USD' });
  expect(change.title).toContain('went up');

  const popup = await openFairness(ext, url);
  await expect(popup.locator('.price-panel h3')).toHaveText('Desk Lamp');
  await expect(popup.locator('.price-panel .price-now')).toContainText('$119.00');
  await expect(popup.locator('.price-panel .price-change')).toContainText('was $100.00');
  await expect(popup.locator('.price-panel svg.sparkline')).toHaveCount(1);
  await expect(popup.locator('.clean-check .note')).toContainText('one extra visit to the site');

  const before = server.requests.filter((r) => r.host === 'price-shop.test' && r.path === '/product/lamp').length;
  await popup.locator('.clean-check button').click();
  await expect(popup.locator('.clean-result')).toContainText('a visitor without your cookies is shown $100.00');
  const clean = server.requests.filter((r) => r.host === 'price-shop.test' && r.path === '/product/lamp').slice(before);
  expect(clean).toHaveLength(2); // the control pair, and nothing else
  for (const r of clean) expect(r.headers.cookie).toBeUndefined();

  const diff = of(await reportFor(ext, url), 'price-difference');
  expect(diff).toHaveLength(1);
  expect(diff[0]!.details).toMatchObject({ you: 119, clean: 100, currency: 'USD' });
  await expect(popup.locator('.finding[data-kind="price-difference"]')).toContainText('a first-time visitor is shown $100.00');
});

test('a third-party script rewriting the price and a visible pricing disclosure are reported', async ({ ext, server }) => {
  const url = server.url('price-shop.test', '/product/lamp');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect.poll(async () => of(await reportFor(ext, url), 'price-rewrite').length, { timeout: 15000 }).toBe(1);
  const rw = of(await reportFor(ext, url), 'price-rewrite')[0]!;
  expect(rw.details).toMatchObject({ before: '$100.00', after: '$107.00' });
  expect(String(rw.details.script)).toContain('js.price-optimizer.test/rewrite.js');
  // the disclosure comes from the DOM scan, which may be stored after the rewrite's page event
  await expect.poll(async () => of(await reportFor(ext, url), 'algorithmic-pricing-disclosure').length, { timeout: 15000 }).toBe(1);
  const disc = of(await reportFor(ext, url), 'algorithmic-pricing-disclosure');
  expect(disc[0]).toMatchObject({ assessment: 'good', details: { visible: true, nearPrice: true, where: 'text' } });
});

test('real experiment SDKs: the experiments and variants you are in', async ({ ext, server }) => {
  const url = server.url('lab-shop.test', '/');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect(page.locator('#flags')).toContainText('price_display:');
  await expect(page.locator('#flags')).toContainText('button:');
  await expect(page.locator('#flags')).toContainText('new-pricing-page:');
  const byVendor = async () => Object.fromEntries(of(await reportFor(ext, url), 'experiment').map((f) => [f.vendor, f.details.experiments]));
  await expect.poll(async () => Object.keys(await byVendor()).sort(), { timeout: 20000 }).toEqual(['GrowthBook', 'LaunchDarkly', 'Optimizely']);
  await expect.poll(async () => (await byVendor()).Optimizely, { timeout: 10000 }).toEqual([
    { id: 'price_display_test', variant: expect.stringMatching(/^(control|anchor_price)$/), flag: 'price_display' },
  ]);
  const optimizely = of(await reportFor(ext, url), 'experiment').find((f) => f.vendor === 'Optimizely')!;
  expect(optimizely.source).toBe('network');
  await expect.poll(async () => (await byVendor()).GrowthBook, { timeout: 10000 }).toEqual([{ id: 'checkout-button-test', variant: expect.stringMatching(/^(control|green-button)$/) }]);
  await expect.poll(async () => (await byVendor()).LaunchDarkly, { timeout: 15000 }).toEqual([{ id: 'new-pricing-page', variant: '1' }]);

  const popup = await openFairness(ext, url);
  await expect(popup.locator('.finding[data-kind="experiment"]', { hasText: 'Optimizely' })).toContainText('You are in 1 experiment run with Optimizely: price_display_test');
});

test('a countdown that restarts on reload is a fake deadline; other urgency claims and a hidden disclosure are shown', async ({ ext, server }) => {
  const url = server.url('price-shop.test', '/countdown');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect
    .poll(async () => of(await reportFor(ext, url), 'urgency').map((f) => f.details.pattern).sort(), { timeout: 15000 })
    .toEqual(['activity', 'countdown', 'limited-time', 'low-stock']);
  expect(of(await reportFor(ext, url), 'urgency').find((f) => f.details.pattern === 'countdown')!.details.resets).toBeUndefined();
  await page.waitForTimeout(4000); // the genuine deadline would now be four seconds nearer
  await page.reload();
  await expect.poll(async () => of(await reportFor(ext, url), 'urgency').find((f) => f.details.pattern === 'countdown')?.details.resets, { timeout: 15000 }).toBe(true);

  // the disclosure comes from the DOM scan, which may be stored after the rewrite's page event
  await expect.poll(async () => of(await reportFor(ext, url), 'algorithmic-pricing-disclosure').length, { timeout: 15000 }).toBe(1);
  const disc = of(await reportFor(ext, url), 'algorithmic-pricing-disclosure');
  expect(disc[0]).toMatchObject({ assessment: 'concern', details: { visible: false, where: 'title' } });

  const popup = await openFairness(ext, url);
  await expect(popup.locator('.finding[data-kind="urgency"]', { hasText: 'restarted' })).toContainText('the deadline is fake');
  await expect(popup.locator('.finding[data-kind="urgency"]', { hasText: 'Only 3 left in stock' })).toHaveCount(1);
});

test('negatives: a stable price, no experiments, a genuine shipping cut-off — and a clean visit that agrees', async ({ ext, server }) => {
  const url = server.url('steady-shop.test', '/');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect.poll(() => pricesStored(ext, 'steady-shop.test'), { timeout: 15000 }).toBe(1);
  await page.waitForTimeout(2500); // the shipping clock ticks: give the rescans their chance to misfire
  await page.goto(url);
  await expect.poll(() => pricesStored(ext, 'steady-shop.test'), { timeout: 15000 }).toBe(2);
  await page.waitForTimeout(2500);
  const report = await reportFor(ext, url);
  for (const kind of ['price-change', 'urgency', 'experiment', 'price-rewrite', 'pricing-engine', 'algorithmic-pricing-disclosure']) {
    expect(of(report, kind), kind).toEqual([]);
  }

  const popup = await openFairness(ext, url);
  await expect(popup.locator('.price-panel .price-now')).toContainText('€249.00');
  await expect(popup.locator('.price-panel .price-change')).toHaveCount(0);
  await popup.locator('.clean-check button').click();
  await expect(popup.locator('.clean-result')).toContainText('the same price');
  const diff = of(await reportFor(ext, url), 'price-difference');
  expect(diff).toHaveLength(1);
  expect(diff[0]).toMatchObject({ assessment: 'good', details: { same: true, you: 249, clean: 249 } });
});

test('audit --interact compares the price with a clean visit on a revisit', async ({ server }) => {
  const url = server.url('price-shop.test', '/product/lamp');
  const res = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--json', '--interact', '--wait', '1500', '--allow-private', '--host-resolver-rules', server.hostResolverRules, url, url], { cwd: ROOT });
  const [first, second] = JSON.parse(res.stdout) as SiteReport[];
  // a first visit carries no cookie yet: the clean visit agrees
  expect(of(first!, 'price-difference').map((f) => f.details.same)).toEqual([true]);
  expect(of(first!, 'price-change')).toEqual([]);
  expect(of(second!, 'price-change')[0]!.details).toMatchObject({ before: 100, after: 119 });
  expect(of(second!, 'price-difference').find((f) => f.assessment === 'concern')!.details).toMatchObject({ you: 119, clean: 100 });
});
