// Google Analytics signals end to end: with advertising consent denied by the Consent Mode default,
// Google signals / ga-audiences hits are "consent denied, but remarketing hits were sent"; the same
// page with npa=1 and Google signals off is not remarketing.
import type { Launched } from '../../src/cli/launch';
import type { Finding } from '../../src/model/finding';
import { expect, reportFor, test } from './fixtures';

async function all(ext: Launched, url: string): Promise<Finding[]> {
  return (await reportFor(ext, url))?.findings ?? [];
}

test('consent denied, but remarketing hits were sent', async ({ ext, server }) => {
  const url = server.url('ga-signals.test', '/');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect.poll(async () => (await all(ext, url)).filter((f) => f.details.phase === 'remarketing-denied').length, { timeout: 20000 }).toBe(1);
  const bad = (await all(ext, url)).find((f) => f.details.phase === 'remarketing-denied')!;
  expect(bad.title).toBe('Consent denied, but Google was sent remarketing hits that add you to advertising audiences');
  expect(bad.evidence.map((e) => e.url).join(' ')).toMatch(/stats\.g\.doubleclick\.net\/g\/collect|\/ads\/ga-audiences/);
  await expect.poll(async () => (await all(ext, url)).filter((f) => f.kind === 'personalization').map((f) => [f.vendor, f.details.type]), { timeout: 10000 })
    .toEqual([['Google Analytics remarketing (Google signals)', 'retargeting']]);
});

test('negative: npa=1 and Google signals off is neither remarketing nor a contradiction', async ({ ext, server }) => {
  const url = server.url('ga-signals.test', '/?npa=1');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect.poll(async () => (await all(ext, url)).find((f) => f.vendor === 'Google Consent Mode')?.details.npa, { timeout: 20000 }).toBe(true);
  await page.waitForTimeout(1000);
  const fs = await all(ext, url);
  expect(fs.filter((f) => f.kind === 'personalization')).toEqual([]);
  expect(fs.filter((f) => f.details.phase === 'remarketing-denied')).toEqual([]);
  expect(fs.find((f) => f.vendor === 'Google Consent Mode')!.title).toContain('non-personalised ads only (npa=1)');
});
