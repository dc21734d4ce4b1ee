// Pricing and personalisation vendors end to end, their tags loaded from their real host names: a
// dynamic-pricing vendor next to a price is a pricing engine named with how it was recognised; the
// personalisation, recommendation, identity-resolution and retargeting findings; and the negatives —
// personalisation next to a price is not a pricing engine, nor is a pricing tag on a page with no price.
import type { Launched } from '../../src/cli/launch';
import type { Finding } from '../../src/model/finding';
import { expect, reportFor, tabIdFor, test } from './fixtures';

async function findings(ext: Launched, url: string, kind: string): Promise<Finding[]> {
  return ((await reportFor(ext, url))?.findings ?? []).filter((f) => f.kind === kind);
}

test('a dynamic-pricing tag next to a price, and every kind of personalisation, from their real hosts', async ({ ext, server }) => {
  const url = server.url('tailored-shop.test', '/');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect.poll(async () => (await findings(ext, url, 'pricing-engine')).map((f) => f.vendor), { timeout: 20000 }).toEqual(['Intelligems']);
  const engine = (await findings(ext, url, 'pricing-engine'))[0]!;
  expect(engine.details).toMatchObject({ vendor: 'Intelligems', recognisedBy: 'host', signal: 'intelligems.io', product: 'Trail Backpack', price: 89, currency: 'USD' });
  expect(engine.evidence[0]!.url).toBe('https://cdn.intelligems.io/a1b2c3.js');
  expect(engine.title).toBe('Intelligems, a dynamic-pricing service, runs next to the price of Trail Backpack ($89.00) and may set the price you see');

  const types = async () => Object.fromEntries((await findings(ext, url, 'personalization')).map((f) => [f.vendor, f.details.type]));
  await expect.poll(types, { timeout: 20000 }).toEqual({
    'Dynamic Yield': 'segmentation',
    'Algonomy (RichRelevance)': 'recommendations',
    'Lotame Panorama ID': 'identity-resolution',
    AdRoll: 'retargeting',
  });
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${await tabIdFor(ext, url)}`);
  await popup.locator('.principle[data-principle="fairness"] .principle-head').click();
  await expect(popup.locator('.finding[data-kind="pricing-engine"]')).toContainText('may set the price you see');
  await expect(popup.locator('.finding[data-kind="personalization"]', { hasText: 'Lotame' })).toContainText('links your identity across sites');
});

test('negatives: personalisation next to a price is not a pricing engine; a pricing tag without a price is only a third party', async ({ ext, server }) => {
  const personalised = server.url('tailored-shop.test', '/personalised');
  const page = await ext.context.newPage();
  await page.goto(personalised);
  await expect.poll(async () => (await findings(ext, personalised, 'personalization')).length, { timeout: 20000 }).toBe(2);
  expect(await findings(ext, personalised, 'pricing-engine')).toEqual([]);

  const about = server.url('tailored-shop.test', '/about');
  await page.goto(about);
  await expect.poll(async () => (await findings(ext, about, 'tracker')).map((f) => f.vendor), { timeout: 20000 }).toContain('Intelligems');
  expect(await findings(ext, about, 'pricing-engine')).toEqual([]);
});
