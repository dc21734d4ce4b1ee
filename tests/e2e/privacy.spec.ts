// Privacy detectors end to end: real SDKs on fixture pages, the extension's report and popup, and the
// pages that must NOT trigger (a chart dashboard, a drawing, a user-agent check, a quiet form).
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { CANARY } from '../../src/cli/probes/canary-typing';
import type { Launched } from '../../src/cli/launch';
import type { Finding } from '../../src/model/finding';
import { expect, reportFor, ROOT, tabIdFor, test } from './fixtures';

const run = promisify(execFile);

async function findings(ext: Launched, url: string, kind: string): Promise<Finding[]> {
  return ((await reportFor(ext, url))?.findings ?? []).filter((f) => f.kind === kind);
}

async function openPrivacy(ext: Launched, url: string): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${await tabIdFor(ext, url)}`);
  await popup.locator('.principle[data-principle="privacy"] .principle-head').click();
  return popup;
}

/** Everything the extension stored, as one string (every table of the Dexie database). */
async function wholeDatabase(ext: Launched): Promise<string> {
  const sw = await ext.worker();
  return sw.evaluate(async () => {
    const g = globalThis as unknown as { candor: { whenIdle(): Promise<void>; db: { tables: { name: string; toArray(): Promise<unknown[]> }[] } } };
    await g.candor.whenIdle();
    const out: Record<string, unknown[]> = {};
    for (const t of g.candor.db.tables) out[t.name] = await t.toArray();
    return JSON.stringify(out);
  });
}

/** The forms a typed value could take in storage: as typed, lower-case, URL-encoded, base64, hashed. */
function formsOf(v: string): string[] {
  const h = (alg: string, s: string) => createHash(alg).update(s).digest('hex');
  const variants = [v, v.toLowerCase(), v.replace(/\D/g, ''), `+${v.replace(/\D/g, '')}`].filter((x) => x.length >= 5);
  return [...new Set(variants.flatMap((x) => [x, encodeURIComponent(x), Buffer.from(x).toString('base64').replace(/=+$/, ''), h('md5', x), h('sha1', x), h('sha256', x)]))];
}

test('FingerprintJS (the real library) is reported as canvas, WebGL and audio fingerprinting, credited to its script', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('fp.test', '/');
  await page.goto(url);
  await expect(page.locator('#visitor')).toHaveText(/^[0-9a-f]{20,}$/, { timeout: 15000 }); // the library still works
  await expect.poll(async () => (await findings(ext, url, 'fingerprinting')).map((f) => f.details.technique).sort(), { timeout: 15000 }).toEqual(
    expect.arrayContaining(['audio', 'canvas', 'navigator', 'webgl']),
  );
  const fp = await findings(ext, url, 'fingerprinting');
  for (const f of fp) {
    expect(f.details.script).toBe('https://openfpcdn.io/fingerprintjs/v5/iife.min.js');
    expect(f.vendor).toBe('FingerprintJS');
    expect(f.source).toBe('page');
  }
  // hooks are transparent: the wrapped APIs still look native to the page
  expect(await page.evaluate(() => String(HTMLCanvasElement.prototype.toDataURL))).toContain('[native code]');
  expect(await page.evaluate(() => Function.prototype.toString.call(Object.getOwnPropertyDescriptor(Navigator.prototype, 'hardwareConcurrency')!.get))).toContain('[native code]');

  const popup = await openPrivacy(ext, url);
  await expect(popup.locator('.finding[data-kind="fingerprinting"]')).toHaveCount(fp.length);
  await expect(popup.locator('.finding[data-kind="fingerprinting"] .finding-title', { hasText: 'draws a hidden image to tell your device apart' })).toContainText('FingerprintJS');
});

test('font probing with measureText, WebRTC local-address discovery and device listing are reported', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('probe.test', '/', true); // mediaDevices exists only in secure contexts
  await page.goto(url);
  await expect(page.locator('#out')).toContainText('fonts');
  await expect.poll(async () => (await findings(ext, url, 'fingerprinting')).map((f) => `${f.details.technique}:${f.details.api}:${f.confidence}`).sort(), { timeout: 15000 }).toEqual([
    'font:measureText:likely',
    'navigator:enumerateDevices:possible',
    'webrtc:createOffer:likely',
  ]);
  for (const f of await findings(ext, url, 'fingerprinting')) expect(f.details.script).toBe('https://cdn.fontprobe.test/probe.js');
});

for (const [host, what] of [
  ['chart.test', 'a Chart.js dashboard (heavy canvas and measureText)'],
  ['draw.test', 'a canvas drawing in several colours that is never read back'],
  ['ua.test', 'a page reading only navigator.userAgent'],
] as const) {
  test(`no fingerprinting on ${what}`, async ({ ext, server }) => {
    const page = await ext.context.newPage();
    const url = server.url(host, '/');
    await page.goto(url);
    await page.waitForTimeout(3000);
    if (host === 'chart.test') expect(await page.evaluate(() => (window as unknown as { Chart: { instances: object } }).Chart.instances && Object.keys((window as unknown as { Chart: { instances: object } }).Chart.instances).length)).toBe(3);
    const report = await reportFor(ext, url);
    expect(report).not.toBeNull();
    expect(report!.findings.filter((f) => f.kind === 'fingerprinting')).toEqual([]);
  });
}

test('an unknown rrweb-based recorder is found by behaviour and explained', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('replay.test', '/');
  await page.goto(url);
  await page.mouse.move(100, 100);
  await page.mouse.move(300, 200);
  await expect.poll(async () => (await findings(ext, url, 'session-replay')).length, { timeout: 15000 }).toBe(1);
  const [f] = await findings(ext, url, 'session-replay');
  expect(f!.details).toMatchObject({ detectedBy: 'behaviour', scriptSite: 'quietreplay.test', mutationObserver: true });
  expect(f!.details.listens).toEqual(expect.arrayContaining(['pointer-movement', 'input']));
  expect((f!.details.uploads as { host: string }[])[0]!.host).toBe('ingest.quietreplay.test');
  const popup = await openPrivacy(ext, url);
  const item = popup.locator('.finding[data-kind="session-replay"]');
  await expect(item.locator('.finding-title')).toContainText('quietreplay.test records what you do on this page (session replay)');
  await item.locator('.finding-title').click();
  await expect(item).toContainText('watches every change to the page');
});

test('Hotjar and Clarity loaders: the catalog names the vendor, behaviour adds what was seen, their ids are explained', async ({ ext, server }) => {
  for (const [host, vendor, cookie] of [
    ['hj.test', 'Hotjar', '_hjSessionUser_3141592'],
    ['clarity.test', 'Microsoft Clarity', '_clck'],
  ] as const) {
    const page = await ext.context.newPage();
    const url = server.url(host, '/');
    await page.goto(url);
    await page.mouse.move(50, 50);
    await page.mouse.move(200, 120);
    await expect.poll(async () => (await findings(ext, url, 'session-replay'))[0]?.details.detectedBy, { timeout: 15000 }).toBe('behaviour');
    const sr = await findings(ext, url, 'session-replay');
    expect(sr).toHaveLength(1); // one finding: the catalog's and the behaviour's merged
    expect(sr[0]!.vendor).toBe(vendor);
    await expect.poll(async () => (await findings(ext, url, 'identifier')).map((f) => f.details.name), { timeout: 10000 }).toContain(cookie);
    const id = (await findings(ext, url, 'identifier')).find((f) => f.details.name === cookie)!;
    expect(id.details.purpose).toMatch(/recorded sessions/);
  }
});

test('Mixpanel with session replay switched on is found recording by behaviour', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('mp.test', '/', true);
  await page.goto(url);
  await page.mouse.move(10, 10);
  await page.mouse.move(200, 300);
  // the Mixpanel recorder uploads its first batch after 10 s
  await expect.poll(async () => (await findings(ext, url, 'session-replay')).map((f) => f.vendor), { timeout: 30000, intervals: [1000] }).toEqual(['Mixpanel']);
  expect((await findings(ext, url, 'identifier')).map((f) => f.details.name)).toContain('mp_candorfixturetoken_mixpanel');
});

test('PostHog with session recording on (real posthog-js, local API stub) is found recording by behaviour', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('ph.test', '/', true);
  await page.goto(url);
  await page.mouse.move(10, 10);
  await page.mouse.move(300, 200);
  await expect.poll(async () => (await findings(ext, url, 'session-replay')).map((f) => f.vendor), { timeout: 30000, intervals: [1000] }).toEqual(['PostHog']);
  const [sr] = await findings(ext, url, 'session-replay');
  expect(sr!.details).toMatchObject({ detectedBy: 'behaviour', scriptSite: 'posthog.com' });
  expect((sr!.details.uploads as { host: string }[]).map((u) => u.host)).toContain('us.i.posthog.com');
  expect(server.requests.some((r) => r.host === 'us.i.posthog.com' && r.path.startsWith('/s/'))).toBe(true);
  expect((await findings(ext, url, 'tracker')).map((f) => f.vendor)).toContain('PostHog');
  await expect.poll(async () => (await findings(ext, url, 'identifier')).map((f) => `${f.details.storage}:${f.details.name}`), { timeout: 15000 }).toContain('cookie:ph_phc_candorfixture_posthog');
});

test('hashed e-mail and phone sent to Facebook, TikTok and Google are reported with the event, never the hash', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('pixel.test', '/', true);
  await page.goto(url);
  await expect.poll(async () => (await findings(ext, url, 'pii-leak')).map((f) => `${f.details.destination}:${f.details.type}`).sort(), { timeout: 15000 }).toEqual([
    'analytics.tiktok.com:email',
    'www.facebook.com:email',
    'www.facebook.com:phone',
    'www.google.com:email',
  ]);
  const fb = (await findings(ext, url, 'pii-leak')).find((f) => f.details.destination === 'www.facebook.com' && f.details.type === 'email')!;
  expect(fb).toMatchObject({ source: 'network', confidence: 'certain', company: 'Facebook', details: { hashed: true, param: 'ud[em]' } });
  expect(fb.details.events).toEqual(expect.arrayContaining([expect.stringMatching(/PageView|Purchase/)]));
  const hash = createHash('sha256').update('jane.doe@example.com').digest('hex');
  expect(JSON.stringify(await reportFor(ext, url))).not.toContain(hash);
  expect(await wholeDatabase(ext)).not.toContain(hash);
  const popup = await openPrivacy(ext, url);
  await expect(popup.locator('.finding[data-kind="pii-leak"] .finding-title', { hasText: 'Your hashed e-mail address is sent to Facebook' })).toBeVisible();
  await expect(popup.locator('.finding[data-kind="identifier"] .finding-title', { hasText: '_fbp' })).toBeVisible();
});

test('what a person types leaves the page before submit: reported by field and destination, the value stored nowhere', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('form.test', '/', true);
  await page.goto(url);
  await page.locator('#email').pressSequentially(CANARY.email, { delay: 5 });
  await page.locator('#phone').pressSequentially(CANARY.phone, { delay: 5 });
  await page.locator('#fullname').pressSequentially(CANARY.name, { delay: 5 });
  await page.locator('#password').pressSequentially(CANARY.password, { delay: 5 });
  await page.locator('h1').click(); // leave the last field; nothing is submitted
  await expect.poll(async () => (await findings(ext, url, 'keylogging')).map((f) => `${f.details.field}|${f.details.encoding}`).sort(), { timeout: 15000 }).toEqual([
    'email field “email”|plain',
    'password field “password”|base64',
    'tel field “phone”|sha256',
    'text field “fullname”|url-encoded',
  ]);
  for (const f of await findings(ext, url, 'keylogging')) expect(f.details.destination).toBe('collect.formspy.test');
  const popup = await openPrivacy(ext, url);
  await expect(popup.locator('.finding[data-kind="keylogging"] .finding-title', { hasText: 'What you typed in the email field “email” was sent to collect.formspy.test before you pressed submit' })).toBeVisible();
  const db = await wholeDatabase(ext);
  const report = JSON.stringify(await reportFor(ext, url));
  for (const v of [CANARY.email, CANARY.phone, CANARY.name, CANARY.password]) {
    for (const form of formsOf(v)) {
      expect(db, `${v} as ${form}`).not.toContain(form);
      expect(report).not.toContain(form);
    }
  }
});

test('a form whose listeners send nothing before submit is not key logging', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('signup.test', '/', true);
  await page.goto(url);
  await page.locator('#email').pressSequentially(CANARY.email, { delay: 5 });
  await page.locator('#name').pressSequentially(CANARY.name, { delay: 5 });
  await page.locator('h1').click();
  await page.waitForTimeout(1500);
  await page.locator('button').click();
  await expect(page.locator('#done')).toBeVisible();
  await page.waitForTimeout(1000);
  expect(server.requests.some((r) => r.host === 'signup.test' && r.path === '/subscribe')).toBe(true);
  expect(await findings(ext, url, 'keylogging')).toEqual([]);
});

test('a third party setting an id cookie on three sites is learned as a tracker nobody lists', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  for (const s of ['news-a.test', 'news-b.test']) {
    const url = server.url(s, '/');
    await page.goto(url);
    await expect.poll(async () => (await findings(ext, url, 'identifier')).map((f) => f.details.name), { timeout: 10000 }).toEqual(['uid']);
    expect((await findings(ext, url, 'tracker')).filter((f) => f.details.learned)).toEqual([]);
  }
  const url = server.url('news-c.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await findings(ext, url, 'tracker')).filter((f) => f.details.learned).length, { timeout: 10000 }).toBe(1);
  const t = (await findings(ext, url, 'tracker')).find((f) => f.details.learned)!;
  expect(t).toMatchObject({ vendor: 'unlisted-beacon.test', confidence: 'likely', details: { siteCount: 3, sites: ['news-a.test', 'news-b.test', 'news-c.test'] } });
  const id = (await findings(ext, url, 'identifier'))[0]!;
  expect(id.details).toMatchObject({ name: 'uid', thirdParty: true, setBy: 'px.unlisted-beacon.test', lifetimeDays: 365 });
  const popup = await openPrivacy(ext, url);
  await expect(popup.locator('.finding[data-kind="tracker"] .finding-title', { hasText: 'unlisted-beacon.test follows you across 3 sites you visited' })).toBeVisible();
});

test('audit --interact types canaries: the key logger is reported, the quiet form is not, and no canary is in the JSON', async ({ server }) => {
  const urls = [server.url('form.test', '/', true), server.url('signup.test', '/', true)];
  const res = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--json', '--interact', '--insecure', '--wait', '800', '--allow-private', '--host-resolver-rules', server.hostResolverRules, ...urls], { cwd: ROOT, maxBuffer: 20e6 });
  const out = JSON.parse(res.stdout) as { findings: Finding[] }[];
  const kl = out[0]!.findings.filter((f) => f.kind === 'keylogging');
  expect(kl.map((f) => f.details.fieldType).sort()).toEqual(['email', 'password', 'tel', 'text']);
  expect(out[1]!.findings.filter((f) => f.kind === 'keylogging')).toEqual([]);
  for (const v of [CANARY.email, CANARY.phone, CANARY.name, CANARY.password]) for (const form of formsOf(v)) expect(res.stdout).not.toContain(form);
});
