// Consent and rights, end to end with real CMPs (vanilla-cookieconsent, Klaro, @iabtcf/cmpapi):
// what the popup tells a person, and the actions it offers (reject, block with undo, GPC, data request).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import type { Finding } from '../../src/model/finding';
import type { Launched } from '../../src/cli/launch';
import { expect, reportFor, ROOT, tabIdFor, test } from './fixtures';

const run = promisify(execFile);

async function findings(ext: Launched, url: string, kind: Finding['kind']): Promise<Finding[]> {
  return ((await reportFor(ext, url))?.findings ?? []).filter((f) => f.kind === kind);
}

async function openPopup(ext: Launched, url: string, principle: 'consent' | 'rights'): Promise<Page> {
  const tabId = await tabIdFor(ext, url);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  await popup.locator(`.principle[data-principle="${principle}"] .principle-head`).click();
  return popup;
}

test('a banner that tracks before consent: the popup says so, Reject works, and tracking after the refusal is caught', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('cc-tracks.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await findings(ext, url, 'tracking-before-consent')).length, { timeout: 20000 }).toBe(1);
  const [banner] = await findings(ext, url, 'consent-banner');
  expect(banner!.details).toMatchObject({ cmp: 'cookieconsent3', shown: true, rejectOnFirstLayer: true });
  expect(banner!.assessment).toBe('good'); // credited: "reject" sits next to "accept"
  const [before] = await findings(ext, url, 'tracking-before-consent');
  expect(before!.details.phase).toBe('before-choice');
  expect((before!.details.trackers as { vendor: string }[]).map((t) => t.vendor).sort()).toEqual(['Facebook', 'Google Analytics']);

  const popup = await openPopup(ext, url, 'consent');
  await expect(popup.locator('[data-q="asked"]')).toHaveText('Yes.');
  await expect(popup.locator('[data-q="before"]')).toContainText('Google Analytics');
  await expect(popup.locator('.finding[data-kind="consent-banner"]')).toContainText('“reject” button on the first screen');

  await popup.getByRole('button', { name: 'Reject this banner' }).click();
  await expect(popup.locator('.consent-panel .status')).toContainText('Rejected the cookieconsent3 banner');
  await expect(page.locator('#cc-main .cm-wrapper')).toBeHidden();
  expect((await page.context().cookies(url)).some((c) => c.name === 'cc_cookie')).toBe(true);
  // the page keeps pinging Google Analytics after the refusal
  await expect.poll(async () => (await findings(ext, url, 'tracking-before-consent')).map((f) => f.details.phase).sort(), { timeout: 15000 }).toEqual(['after-reject', 'before-choice']);
  await expect(popup.locator('[data-q="opt-out"]')).toContainText('Google Analytics');
  await expect(popup.locator('.finding[data-kind="consent-banner"]')).toContainText('Candor said no for you');
});

test('a CMP that waits for consent is not blamed, nor is a remembered choice on the next visit', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('klaro-waits.test', '/');
  const gaHits = () => server.requests.filter((r) => r.host === 'www.google-analytics.com').length;
  const gaBefore = gaHits();
  await page.goto(url);
  await expect.poll(async () => (await findings(ext, url, 'consent-banner'))[0]?.details.rejectOnFirstLayer, { timeout: 20000 }).toBe(false);
  expect((await findings(ext, url, 'consent-banner'))[0]!.details.cmp).toBe('Klaro');
  expect(gaHits()).toBe(gaBefore);

  await page.getByRole('button', { name: 'That\u2019s ok' }).or(page.getByRole('button', { name: "That's ok" })).click();
  await expect.poll(gaHits, { timeout: 10000 }).toBeGreaterThan(gaBefore);
  await expect.poll(async () => (await findings(ext, url, 'tracker')).length, { timeout: 10000 }).toBe(1);
  await expect.poll(async () => (await findings(ext, url, 'consent-banner'))[0]?.details.choice, { timeout: 10000 }).toBe('accepted');
  expect(await findings(ext, url, 'tracking-before-consent')).toEqual([]);
  const popup = await openPopup(ext, url, 'consent');
  await expect(popup.locator('[data-q="asked"]')).toContainText('“reject” is not on the first screen');
  await expect(popup.locator('[data-q="before"]')).toHaveText('No tracker loaded before your answer.');

  // next visit: Klaro remembers the choice, shows no banner, loads analytics at once — that is fine
  await page.reload();
  await expect.poll(async () => (await findings(ext, url, 'tracker')).length, { timeout: 10000 }).toBe(1);
  await page.waitForTimeout(2500);
  expect(await findings(ext, url, 'tracking-before-consent')).toEqual([]);
  expect((await findings(ext, url, 'consent-banner')).filter((f) => f.details.shown === true)).toEqual([]);
});

test('IAB TCF: the CMP readout, and an ad pixel that ignores the refusal', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('tcf-news.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await findings(ext, url, 'consent-banner'))[0]?.details.tcf, { timeout: 20000 }).toMatchObject({ cmpId: 300, gdprApplies: true, eventStatus: 'cmpuishown' });
  await expect.poll(async () => (await findings(ext, url, 'tracking-before-consent')).length, { timeout: 10000 }).toBe(1);
  await page.locator('#reject').click();
  await expect.poll(async () => (await findings(ext, url, 'consent-banner'))[0]?.details.choice, { timeout: 10000 }).toBe('rejected');
  expect((await findings(ext, url, 'consent-banner'))[0]!.details.tcf).toMatchObject({ eventStatus: 'useractioncomplete', purposesConsented: [] });
  await expect
    .poll(async () => (await findings(ext, url, 'tracking-before-consent')).find((f) => f.details.phase === 'after-reject')?.title, { timeout: 15000 })
    .toContain('Facebook');
});

test('Google Consent Mode: the state on Google hits, and "granted" after a refusal', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('consent-mode.test', '/?broken=1');
  await page.goto(url);
  await expect
    .poll(async () => (await findings(ext, url, 'consent-banner')).find((f) => f.vendor === 'Google Consent Mode')?.details, { timeout: 15000 })
    .toMatchObject({ gcs: 'G100', adStorage: 'denied', consentModeDefault: { ad_storage: 'denied', analytics_storage: 'denied' } });
  expect(await findings(ext, url, 'tracking-before-consent')).toEqual([]);
  await page.locator('#no').click();
  await expect
    .poll(async () => (await findings(ext, url, 'tracking-before-consent')).find((f) => f.details.phase === 'after-reject')?.details.googleGranted, { timeout: 15000 })
    .toBe(true);
  const popup = await openPopup(ext, url, 'consent');
  await expect(popup.locator('.finding[data-kind="tracking-before-consent"]')).toContainText('after you said no');
});

test('GPC on for one site: the server gets Sec-GPC, the page sees the flag, the site records the opt-out; gpc.json read once a day', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('gpc.test', '/');
  await page.goto(url);
  await expect(page.locator('#gpc-state')).toHaveText('GPC: off');
  await expect.poll(async () => (await findings(ext, url, 'gpc'))[0]?.details.wellKnown, { timeout: 15000 }).toBe(true);
  const popup = await openPopup(ext, url, 'consent');
  // a controlled checkbox: it turns on once the background has saved the setting
  await popup.getByLabel('Send GPC to gpc.test').click();
  await expect(popup.locator('.consent-panel .status')).toContainText('Saved');
  await expect(popup.getByLabel('Send GPC to gpc.test')).toBeChecked();

  const mark = server.requests.length;
  await page.reload();
  await expect(page.locator('#gpc-state')).toHaveText('GPC: on');
  const doc = server.requests.slice(mark).find((r) => r.host === 'gpc.test' && r.path === '/');
  expect(doc?.headers['sec-gpc']).toBe('1');
  await expect.poll(async () => (await findings(ext, url, 'gpc'))[0]?.details, { timeout: 15000 }).toMatchObject({ sent: true, honored: true, usp: '1YYN', wellKnown: true });
  await expect(popup.locator('[data-q="opt-out"]')).toHaveText('Yes: the site records your GPC opt-out.');
  expect(server.requests.filter((r) => r.host === 'gpc.test' && r.path === '/.well-known/gpc.json')).toHaveLength(1);

  // another site does not get the signal
  const other = server.url('clean.test', '/');
  const mark2 = server.requests.length;
  await page.goto(other);
  expect(server.requests.slice(mark2).find((r) => r.host === 'clean.test' && r.path === '/')?.headers['sec-gpc']).toBeUndefined();
});

test('blocking a category of third parties on a site stops it loading, and undo brings it back', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('cc-tracks.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await findings(ext, url, 'tracker')).length, { timeout: 15000 }).toBe(2);
  const popup = await openPopup(ext, url, 'consent');
  await popup.getByRole('button', { name: 'Block analytics on this site' }).click();
  await expect(popup.locator('.blocks [data-category="analytics"]')).toContainText('Blocked: analytics (google-analytics.com)');

  const hits = (from: number, host: string) => server.requests.slice(from).filter((r) => r.host === host).length;
  let mark = server.requests.length;
  await page.reload();
  await expect.poll(() => hits(mark, 'www.facebook.com'), { timeout: 10000 }).toBeGreaterThan(0);
  await page.waitForTimeout(2000);
  expect(hits(mark, 'www.google-analytics.com')).toBe(0);
  // the report of the blocked visit says Google Analytics tried and was stopped, and credits it
  const ga = (await findings(ext, url, 'tracker')).find((f) => f.company === 'Google');
  expect(ga).toMatchObject({ assessment: 'good' });
  expect(ga!.title).toMatch(/blocked in your browser/);
  expect((await findings(ext, url, 'tracker')).find((f) => f.company !== 'Google')?.assessment).toBe('concern');
  await expect(popup.getByRole('region', { name: /Who is present/ })).toContainText('1 company on this page');

  await popup.locator('.blocks [data-category="analytics"]').getByRole('button', { name: 'Undo' }).click();
  await expect(popup.getByRole('button', { name: 'Block analytics on this site' })).toBeVisible();
  mark = server.requests.length;
  await page.reload();
  await expect.poll(() => hits(mark, 'www.google-analytics.com'), { timeout: 10000 }).toBeGreaterThan(0);
});

test('a data-request draft is addressed to the privacy contact found on the site', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('cc-tracks.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await findings(ext, url, 'rights-link')).map((f) => f.details.type).sort(), { timeout: 15000 }).toEqual([
    'cookie-settings',
    'data-request',
    'do-not-sell',
    'privacy-policy',
  ]);
  const popup = await openPopup(ext, url, 'rights');
  await expect(popup.locator('.rights-links [data-type="do-not-sell"] a')).toHaveText('Do Not Sell or Share My Personal Information');
  await popup.getByLabel('Request').selectOption('deletion');
  await popup.getByRole('button', { name: 'Draft the request' }).click();
  await expect(popup.locator('.draft-to')).toHaveText('privacy@cc-tracks.test');
  await expect(popup.locator('.draft-subject')).toContainText('Request for erasure (GDPR Article 17)');
  await expect(popup.getByLabel('Request text')).toHaveValue(/right to erasure under Article 17/);
  const mailto = await popup.locator('a.mailto').getAttribute('href');
  expect(mailto).toMatch(/^mailto:privacy@cc-tracks\.test\?subject=Request%20for%20erasure/);
  await popup.getByLabel('Law').selectOption('ccpa');
  await popup.getByRole('button', { name: 'Draft the request' }).click();
  await expect(popup.locator('.draft-subject')).toContainText('California Consumer Privacy Act');
});

test('a page with no banner and no trackers: nothing is blamed and the popup says no banner was seen', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('clean.test', '/');
  await page.goto(url);
  await page.waitForTimeout(3000);
  const report = (await reportFor(ext, url))!;
  expect(report.findings.filter((f) => ['consent-banner', 'tracking-before-consent', 'gpc'].includes(f.kind))).toEqual([]);
  const popup = await openPopup(ext, url, 'consent');
  await expect(popup.locator('[data-q="asked"]')).toHaveText('No consent banner was seen on this page.');
});

test('"Always reject on this site": the next visit\'s banner is refused without asking, and it can be undone', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('cc-tracks.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await findings(ext, url, 'consent-banner'))[0]?.details.shown, { timeout: 20000 }).toBe(true);
  const popup = await openPopup(ext, url, 'consent');
  await popup.getByRole('button', { name: 'Always reject on this site' }).click();
  await expect(popup.getByRole('button', { name: 'Stop rejecting automatically' })).toBeVisible();
  await page.context().clearCookies();
  await page.reload();
  await expect.poll(async () => (await findings(ext, url, 'consent-banner'))[0]?.details.choiceBy, { timeout: 20000 }).toBe('candor');
  await expect(page.locator('#cc-main .cm-wrapper')).toBeHidden();
  await popup.getByRole('button', { name: 'Stop rejecting automatically' }).click();
  await expect(popup.getByRole('button', { name: 'Always reject on this site' })).toBeVisible();
});

test('audit --interact rejects the banner through the extension and reports what the page did afterwards', async ({ server }) => {
  const url = server.url('cc-tracks.test', '/');
  const res = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--json', '--interact', '--insecure', '--wait', '2500', '--allow-private', '--host-resolver-rules', server.hostResolverRules, url], { cwd: ROOT });
  const [report] = JSON.parse(res.stdout);
  const banner = report.findings.find((f: Finding) => f.kind === 'consent-banner');
  expect(banner.details).toMatchObject({ cmp: 'cookieconsent3', choice: 'rejected', choiceBy: 'candor' });
  const phases = report.findings.filter((f: Finding) => f.kind === 'tracking-before-consent').map((f: Finding) => f.details.phase).sort();
  expect(phases).toEqual(['after-reject', 'before-choice']);
  expect(res.stderr).toContain('reject-consent on');
});

test('GPC sent but the same advertising trackers load as without it: the popup says it is probably not honoured', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('cc-tracks.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await findings(ext, url, 'tracker')).length, { timeout: 15000 }).toBe(2);
  const popup = await openPopup(ext, url, 'consent');
  await popup.getByLabel('Send GPC to cc-tracks.test').click();
  await expect(popup.getByLabel('Send GPC to cc-tracks.test')).toBeChecked();
  // the box ticks at once; the header rule and the page script are in place once the background says so
  await expect(popup.locator('.consent-panel .status')).toContainText('Saved');
  await page.reload();
  await expect.poll(async () => (await findings(ext, url, 'gpc'))[0]?.details, { timeout: 15000 }).toMatchObject({ sent: true, trackersHonored: false, trackersWithGpc: ['Facebook'] });
  await expect(popup.locator('[data-q="opt-out"]')).toContainText('Probably not');
  await expect(popup.locator('.finding[data-kind="gpc"]')).toContainText('the same advertising trackers loaded as without it');
});

test('autoconsent is loaded only into pages where a consent platform may be, and still finds the banner there', async ({ ext, server }) => {
  const loads = async () => (await (await ext.worker()).evaluate(() => (globalThis as unknown as { candor: { autoconsentLoads: { url: string; why: string }[] } }).candor.autoconsentLoads)) ?? [];
  const page = await ext.context.newPage();
  const quiet = [server.url('clean.test', '/'), server.url('news-a.test', '/'), server.url('shop.test', '/')];
  for (const url of quiet) await page.goto(url);
  await page.waitForTimeout(2500);
  const cmp = server.url('cc-tracks.test', '/');
  await page.goto(cmp);
  // once, hinted by what the page holds (vanilla-cookieconsent's script or its #cc-main), not by a URL rule
  await expect.poll(async () => (await loads()).filter((l) => l.url.startsWith(cmp) && l.why !== 'url').length, { timeout: 15000 }).toBe(1);
  expect((await loads()).filter((l) => quiet.some((u) => l.url.startsWith(u)))).toEqual([]);
  await expect.poll(async () => (await findings(ext, cmp, 'consent-banner')).length, { timeout: 15000 }).toBe(1);
});
