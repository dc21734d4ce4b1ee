// Credit where it is due, end to end: privacy-friendly analytics loaded the way their documentation
// says (hosted from their real host names, and Matomo self-hosted), credited while they set no
// identifier, the credit lost when Matomo keeps its visitor id — and Google Analytics never credited.
import type { Launched } from '../../src/cli/launch';
import type { Finding } from '../../src/model/finding';
import { expect, reportFor, tabIdFor, test } from './fixtures';

async function findings(ext: Launched, url: string, kind: string): Promise<Finding[]> {
  return ((await reportFor(ext, url))?.findings ?? []).filter((f) => f.kind === kind);
}

const CREDITED = ['Fathom Analytics', 'Matomo', 'Plausible Analytics', 'Simple Analytics', 'Umami'];

test('hosted cookieless analytics are credited as good practice and are not third-party trackers', async ({ ext, server }) => {
  const url = server.url('cookieless-shop.test', '/');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect.poll(async () => (await findings(ext, url, 'first-party-analytics')).map((f) => f.vendor).sort(), { timeout: 20000 }).toEqual(CREDITED);
  for (const f of await findings(ext, url, 'first-party-analytics')) {
    expect(f.assessment, f.vendor).toBe('good');
    expect(f.details.identifiers, f.vendor).toBe(false);
  }
  expect(await findings(ext, url, 'tracker')).toEqual([]);
  const report = (await reportFor(ext, url))!;
  expect(report.principles.privacy).toMatchObject({ score: 100, assessed: true });
  expect(report.principles.privacy.reasons.filter((r) => r.points > 0)).toHaveLength(5);

  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${await tabIdFor(ext, url)}`);
  await popup.locator('.principle[data-principle="privacy"] .principle-head').click();
  await expect(popup.locator('.finding[data-kind="first-party-analytics"]', { hasText: 'Plausible Analytics' })).toContainText('privacy-friendly analytics that counts visits without identifying you');
});

test('self-hosted Matomo: credited when cookieless, the credit lost with its visitor-id cookie', async ({ ext, server }) => {
  const cookieless = server.url('matomo-shop.test', '/');
  const page = await ext.context.newPage();
  await page.goto(cookieless);
  await expect.poll(async () => (await findings(ext, cookieless, 'first-party-analytics')).map((f) => [f.vendor, f.assessment, f.details.identifiers]), { timeout: 20000 }).toEqual([['Matomo', 'good', false]]);
  await expect.poll(() => server.requests.some((r) => r.host === 'matomo-shop.test' && r.path.startsWith('/matomo.php?idsite=1&rec=1'))).toBe(true);

  const withCookies = server.url('matomo-shop.test', '/cookies');
  await page.goto(withCookies);
  await expect.poll(async () => (await findings(ext, withCookies, 'identifier')).map((f) => f.details.name), { timeout: 20000 }).toContain('_pk_id.2.1a2b');
  await expect.poll(async () => (await findings(ext, withCookies, 'first-party-analytics')).map((f) => [f.vendor, f.assessment, f.details.identifiers]), { timeout: 20000 }).toEqual([['Matomo', 'info', true]]);
  const f = (await findings(ext, withCookies, 'first-party-analytics'))[0]!;
  expect(f.title).toContain('but set up to keep an identifier in your browser');
  expect(f.details.identifierNames).toEqual(['_pk_id.2.1a2b']);
  expect((await reportFor(ext, withCookies))!.principles.privacy.reasons.filter((r) => r.points > 0)).toEqual([]);
});

test('negative: Google Analytics is a third-party tracker, never credited', async ({ ext, server }) => {
  const url = server.url('ga-only.test', '/');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect.poll(async () => (await findings(ext, url, 'tracker')).map((f) => f.vendor), { timeout: 20000 }).toEqual(['Google Analytics']);
  expect(await findings(ext, url, 'first-party-analytics')).toEqual([]);
});
