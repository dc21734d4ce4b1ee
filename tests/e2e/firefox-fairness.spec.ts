// Prices, urgency and experiments in Firefox, on the fixture sites of fairness.spec.ts: a shop that
// charges returning visitors more (and the clean-visit comparison, run as the --interact probe runs
// it, through the popup), a third-party price rewrite, real experiment SDKs, a fake countdown and a
// shop that must stay quiet. The same steps run in Chromium and Firefox; the reports must agree except
// for the parity table. And urgency where it stands (the shop of urgency-place.spec.ts): menus quiet,
// offers claimed, in Firefox as in Chromium.
import { cleanPriceProbe } from '../../src/cli/probes/clean-price';
import type { Finding } from '../../src/model/finding';
import type { SiteReport } from '../../src/model/report';
import { expect, runInBoth, test } from './firefox-fixtures';
import type { Step, StepContext } from './parity/session';

const of = (r: SiteReport | null, kind: string): Finding[] => (r?.findings ?? []).filter((f) => f.kind === kind);

function pricesStored(s: StepContext, site: string, n: number) {
  return s.until(`${n} stored price(s) for ${site}`, async () =>
    (await s.b.inExtension(
      (x, v: string) => (x.candor.db as { prices: { where(k: string): { equals(v: string): { count(): Promise<number> } } } }).prices.where('site').equals(v).count(),
      site,
    )) >= n,
  );
}
const cleanCheck = (s: StepContext) => cleanPriceProbe.run(s.page, { url: s.url, tabId: s.tabId, ext: s.b, log: () => {} });

test('fairness findings in Firefox are the same as in Chromium on every fairness fixture site', async ({ server }) => {
  test.setTimeout(420_000);
  const lamp = server.url('price-shop.test', '/product/lamp');
  const countdown = server.url('price-shop.test', '/countdown');
  const steady = server.url('steady-shop.test', '/');
  const steps: Step[] = [
    {
      site: 'price-shop.test',
      url: lamp,
      does: 'the first visit',
      act: (s) => pricesStored(s, 'price-shop.test', 1),
      ready: (r) => of(r, 'price-rewrite').length === 1 && of(r, 'algorithmic-pricing-disclosure').length === 1,
    },
    { site: 'price-shop.test', url: lamp, sameTab: true, does: 'the revisit: the shop’s cookie is sent', ready: (r) => of(r, 'price-change').length === 1 },
    { site: 'price-shop.test', url: lamp, stay: true, does: 'Compare with a clean visit', act: cleanCheck, ready: (r) => of(r, 'price-difference').length === 1 },
    {
      site: 'lab-shop.test',
      url: server.url('lab-shop.test', '/'),
      act: (s) => s.until('the SDKs to assign their flags', () => s.page.evaluate(() => ['price_display:', 'button:', 'new-pricing-page:'].every((t) => document.getElementById('flags')?.textContent?.includes(t)))),
      ready: (r) => ['GrowthBook', 'LaunchDarkly', 'Optimizely'].every((v) => of(r, 'experiment').some((f) => f.vendor === v && Array.isArray(f.details.experiments) && f.details.experiments.length > 0)),
    },
    { site: 'price-shop.test', url: countdown, does: 'a countdown', ready: (r) => of(r, 'urgency').length === 4 },
    // the genuine deadline would be four seconds nearer after a reload; this one starts again
    { site: 'price-shop.test', url: countdown, sameTab: true, does: 'the countdown reloaded 4 s later', before: (s) => s.page.waitForTimeout(4000), ready: (r) => of(r, 'urgency').some((f) => f.details.pattern === 'countdown' && f.details.resets === true) },
    { site: 'steady-shop.test', url: steady, does: 'a steady price', act: async (s) => { await pricesStored(s, 'steady-shop.test', 1); await s.page.waitForTimeout(2500); }, ready: () => true },
    { site: 'steady-shop.test', url: steady, sameTab: true, does: 'the revisit', act: async (s) => { await pricesStored(s, 'steady-shop.test', 2); await s.page.waitForTimeout(2500); }, ready: () => true },
    { site: 'steady-shop.test', url: steady, stay: true, does: 'Compare with a clean visit', act: cleanCheck, ready: (r) => of(r, 'price-difference').length === 1 },
  ];
  const { firefox } = await runInBoth(server, steps);
  const [first, revisit, clean, lab, , reloaded, , , steadyClean] = firefox.map((s) => s.report!);
  expect(of(first!, 'price-change')).toEqual([]);
  expect(of(first!, 'price-rewrite')[0]!.details).toMatchObject({ before: '$100.00', after: '$107.00' });
  expect(of(first!, 'algorithmic-pricing-disclosure')[0]).toMatchObject({ assessment: 'good', details: { visible: true, nearPrice: true } });
  expect(of(revisit!, 'price-change')[0]!.details).toMatchObject({ product: 'Desk Lamp', before: 100, after: 119, currency: 'USD' });
  expect(of(clean!, 'price-difference')[0]!.details).toMatchObject({ you: 119, clean: 100, currency: 'USD' });
  expect(of(lab!, 'experiment').find((f) => f.vendor === 'Optimizely')).toMatchObject({ source: 'network', details: { experiments: [{ id: 'price_display_test', flag: 'price_display' }] } });
  expect(of(lab!, 'experiment').find((f) => f.vendor === 'LaunchDarkly')!.details.experiments).toEqual([{ id: 'new-pricing-page', variant: '1' }]);
  expect(of(reloaded!, 'urgency').map((f) => f.details.pattern).sort()).toEqual(['activity', 'countdown', 'limited-time', 'low-stock']);
  expect(of(reloaded!, 'algorithmic-pricing-disclosure')[0]).toMatchObject({ assessment: 'concern', details: { visible: false, where: 'title' } });
  for (const kind of ['price-change', 'urgency', 'experiment', 'price-rewrite', 'pricing-engine', 'algorithmic-pricing-disclosure']) expect(of(steadyClean!, kind), kind).toEqual([]);
  expect(of(steadyClean!, 'price-difference')[0]).toMatchObject({ assessment: 'good', details: { same: true, you: 249, clean: 249 } });
});

test('urgency where it stands, in Firefox as in Chromium: the menus of a sale category page are quiet, an offer page and five languages make claims', async ({ server }) => {
  test.setTimeout(300_000);
  const steps: Step[] = [
    // the footer's contact link is read in the same scan as the menu: once it is in, the page was judged
    { site: 'nav-shop.test', url: server.url('nav-shop.test', '/'), does: 'a sale category page with Flash Sale in its menus', ready: (r) => of(r, 'human-contact').length === 1 },
    { site: 'nav-shop.test', url: server.url('nav-shop.test', '/offer'), does: 'an offer page', ready: (r) => of(r, 'urgency').length === 4 },
    { site: 'nav-shop.test', url: server.url('nav-shop.test', '/intl'), does: 'claims in five languages', ready: (r) => of(r, 'urgency').length === 10 },
  ];
  const { firefox } = await runInBoth(server, steps);
  const [category, offer, intl] = firefox.map((s) => s.report!);
  expect(of(category!, 'urgency').map((f) => f.details.text)).toEqual(['Only 2 left']); // the badge in the grid, no menu entry
  expect(of(offer!, 'urgency').map((f) => f.details.pattern).sort()).toEqual(['countdown', 'limited-time', 'limited-time', 'limited-time']);
  expect(of(intl!, 'urgency').map((f) => f.details.pattern).sort()).toEqual([...Array(5).fill('activity'), ...Array(5).fill('low-stock')]);
});
