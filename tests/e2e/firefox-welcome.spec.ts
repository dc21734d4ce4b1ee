// The first run in Firefox: the install (a temporary add-on is installed at each start) opens the
// welcome page, whose switch turns the daily gpc.json request off in the stored settings; the audit's
// launcher closes that tab by default.
import type { Page } from 'puppeteer-core';
import { expect, startFirefox, test } from './firefox-fixtures';
import { ALLOWED_EXTENSION_REQUESTS } from './network-allowlist';

const GPC_CHECK = ALLOWED_EXTENSION_REQUESTS.find((r) => r.id === 'gpc-well-known')!;

async function poll<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeout = 15000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** the open tabs showing `url` (puppeteer may report about:blank for a moz-extension page: ask the document) */
async function pagesAt(pages: Page[], url: string): Promise<Page[]> {
  const hrefs = await Promise.all(pages.map((p) => p.evaluate(() => location.href).catch(() => '')));
  return pages.filter((_, i) => hrefs[i] === url);
}

test('Firefox: the install opens the welcome page and its switch turns the gpc.json request off', async ({ server }) => {
  const ff = await startFirefox(server, { keepWelcome: true });
  try {
    const url = ff.extensionUrl('welcome.html');
    const page = await poll('the welcome page', async () => (await pagesAt(await ff.raw.pages(), url))[0]);
    await poll('the switch, enabled', () => page.evaluate(() => !!document.querySelector<HTMLInputElement>('#gpc-check:enabled:checked')));
    expect(await page.evaluate(() => document.querySelector('h1')?.textContent)).toBe('Welcome to Candor');
    await page.click('#gpc-check');
    await poll('"Saved."', () => page.evaluate(() => document.querySelector('[data-testid="welcome-status"]')?.textContent === 'Saved.'));
    const stored = await ff.inExtension(async (x, k: string) => ((await (x.candor.db as { settings: { get(k: string): Promise<{ value: unknown } | undefined> } }).settings.get(k))?.value ?? null), GPC_CHECK.off.key);
    expect(stored).toEqual(GPC_CHECK.off.value);
  } finally {
    await ff.close();
  }
});

test('Firefox: the launcher closes the welcome tab, so audit runs never see it', async ({ ff }) => {
  expect(await pagesAt(await ff.raw.pages(), ff.extensionUrl('welcome.html'))).toEqual([]);
  expect(await ff.inExtension(async (x) => ((await (x.candor.db as { settings: { get(k: string): Promise<{ value: unknown } | undefined> } }).settings.get('welcomedAt')) ? 'welcomed' : 'not'))).toBe('welcomed');
});
