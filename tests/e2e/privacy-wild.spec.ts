// Privacy detection on the cases auditors and real SDKs exercise beyond our first fixtures: audio
// fingerprinting by the graph it builds on a context that stays suspended, font enumeration by DOM
// measuring and document.fonts.check, a recorder the site hosts itself — and the pages that use the
// same APIs innocently (a timer's beep, a music visualiser, a few web fonts, a text-fitting library,
// a lazy-loader, small page-view beacons).
import type { Page } from '@playwright/test';
import type { Launched } from '../../src/cli/launch';
import type { Finding } from '../../src/model/finding';
import { expect, reportFor, tabIdFor, test } from './fixtures';

async function findings(ext: Launched, url: string, kind: string): Promise<Finding[]> {
  return ((await reportFor(ext, url))?.findings ?? []).filter((f) => f.kind === kind);
}

async function openPrivacy(ext: Launched, url: string): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${await tabIdFor(ext, url)}`);
  await popup.locator('.principle[data-principle="privacy"] .principle-head').click();
  return popup;
}

test('audio fingerprinting is found by the graph it builds, while the audio context stays suspended', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('tone.test', '/');
  await page.goto(url);
  await expect(page.locator('#out')).toHaveText('audio suspended'); // no gesture: nothing is ever processed
  await expect.poll(async () => (await findings(ext, url, 'fingerprinting')).map((f) => f.details.technique), { timeout: 15000 }).toEqual(['audio']);
  const [f] = await findings(ext, url, 'fingerprinting');
  expect(f!.details.script).toBe('https://cdn.tonefp.test/af.js');
  expect(f!.evidence.map((e) => e.detail).join(' ')).toContain('while the audio stayed suspended');
  const popup = await openPrivacy(ext, url);
  await expect(popup.locator('.finding[data-kind="fingerprinting"] .finding-title')).toContainText('plays silent sound to tell your device apart');
});

test('font enumeration: FingerprintJS measuring spans (offsetWidth) and a document.fonts.check + getBoundingClientRect list', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  let url = server.url('fp.test', '/');
  await page.goto(url);
  await expect(page.locator('#visitor')).toHaveText(/^[0-9a-f]{20,}$/, { timeout: 15000 });
  await expect.poll(async () => (await findings(ext, url, 'fingerprinting')).filter((f) => f.details.technique === 'font').map((f) => f.details.script), { timeout: 15000 }).toEqual([
    'https://openfpcdn.io/fingerprintjs/v5/iife.min.js',
  ]);
  url = server.url('fontcheck.test', '/');
  await page.goto(url);
  await expect(page.locator('#out')).toContainText('measured');
  await expect.poll(async () => (await findings(ext, url, 'fingerprinting')).map((f) => `${f.details.technique}:${f.details.script}`), { timeout: 15000 }).toEqual([
    'font:http://fontcheck.test/js/fonts.js',
  ]);
  const popup = await openPrivacy(ext, url);
  await expect(popup.locator('.finding[data-kind="fingerprinting"] .finding-title')).toContainText('checks which fonts you have installed');
});

for (const [host, ready, what] of [
  ['beep.test', 'beeped', 'a timer that plays a tone'],
  ['visualiser.test', 'drawing', 'a music player’s visualiser on a media element'],
  ['webfonts.test', '3 fonts', 'a page with three web fonts'],
  ['fit-text.test', '2 fitted', 'a text-fitting library'],
] as const) {
  test(`no fingerprinting on ${what}`, async ({ ext, server }) => {
    const page = await ext.context.newPage();
    const url = server.url(host, '/');
    await page.goto(url);
    await expect(page.locator('#out')).toContainText(ready);
    await page.waitForTimeout(2000); // the hooks flush when the page is idle: give them the time a positive needs
    const report = await reportFor(ext, url);
    expect(report).not.toBeNull();
    expect(report!.findings.filter((f) => f.kind === 'fingerprinting')).toEqual([]);
  });
}

test('a self-hosted rrweb recorder sending gzip batches by beacon to the site’s own host is session replay', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('selfrec.test', '/');
  await page.goto(url);
  await page.mouse.move(100, 100);
  await page.mouse.move(300, 200);
  await page.locator('input[name="postcode"]').fill('AB1 2CD');
  await expect.poll(async () => (await findings(ext, url, 'session-replay')).length, { timeout: 15000 }).toBe(1);
  const [f] = await findings(ext, url, 'session-replay');
  expect(f!.vendor).toBe('selfrec.test');
  expect(f!.details).toMatchObject({ detectedBy: 'behaviour', firstParty: true, sentTo: 'own-server', scriptSite: 'selfrec.test' });
  expect((f!.details.uploads as { host: string }[]).map((u) => u.host)).toEqual(['rec.selfrec.test']);
  expect(server.requests.filter((r) => r.host === 'rec.selfrec.test').length).toBeGreaterThanOrEqual(2);
  const popup = await openPrivacy(ext, url);
  const item = popup.locator('.finding[data-kind="session-replay"]');
  await expect(item.locator('.finding-title')).toContainText('selfrec.test records what you do on this page (session replay)');
  // the company card says why once for all its items: the user reads it there, above the item
  const card = popup.locator('[data-testid="company-card"]').filter({ has: item });
  await expect(card.locator('.card-why')).toContainText('recorded and sent to this site’s own server');
  // the site's own recorder has no third-party address to block: the card offers no block button
  await expect(card.locator('.card-block')).toHaveCount(0);
  await item.locator('.finding-title').click();
  await expect(item).toContainText('to this site’s own server (rec.selfrec.test)');
});

for (const [host, ready, what] of [
  ['lazyload.test', '6 shown', 'a lazy-loader that observes the document and sends nothing'],
  ['pageview.test', '2 sent', 'the site’s own analytics sending small page-view beacons'],
] as const) {
  test(`no session replay for ${what}`, async ({ ext, server }) => {
    const page = await ext.context.newPage();
    const url = server.url(host, '/');
    await page.goto(url);
    await page.mouse.move(100, 100);
    await page.mouse.move(300, 200);
    await page.mouse.wheel(0, 300);
    await expect(page.locator('#out')).toContainText(ready);
    await page.waitForTimeout(2000); // as above: the same time a recorder needs to be found
    const report = await reportFor(ext, url);
    expect(report).not.toBeNull();
    expect(report!.findings.filter((f) => f.kind === 'session-replay')).toEqual([]);
  });
}

test('fingerprinting moved into a worker: the report says a worker ran that Candor could not see into', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('workerfp.test', '/');
  await page.goto(url);
  await expect(page.locator('#out')).toContainText('worker ');
  await expect.poll(async () => (await findings(ext, url, 'fingerprinting')).map((f) => `${f.details.technique}:${f.confidence}:${f.details.script}`), { timeout: 15000 }).toEqual([
    'worker:possible:http://workerfp.test/js/fp-worker.js',
  ]);
  const popup = await openPrivacy(ext, url);
  await expect(popup.locator('.finding[data-kind="fingerprinting"] .finding-title')).toContainText('ran code in a background worker that Candor could not see into');
});
