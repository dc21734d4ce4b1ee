// Privacy detection in Firefox, on the fixture sites of privacy.spec.ts: trackers and identifiers,
// fingerprinting, session replay, hashed e-mail, key logging and learned trackers (and, on ua.test,
// that both browsers present as ordinary ones). One session per
// browser visits every site in turn (the same steps in Chromium and Firefox); each step waits for its
// state, then the two reports must agree except for the parity table (tests/e2e/parity/differences.ts).
import type { FirefoxLaunched } from '../../src/cli/firefox/launch';
import { CANARY } from '../../src/cli/probes/canary-typing';
import type { Finding } from '../../src/model/finding';
import type { SiteReport } from '../../src/model/report';
import { cnameInFirefox, expect, runInBoth, test } from './firefox-fixtures';
import type { Step, StepContext } from './parity/session';

const of = (r: SiteReport | null, kind: string): Finding[] => (r?.findings ?? []).filter((f) => f.kind === kind);
const has = (r: SiteReport, kind: string, pred: (f: Finding) => boolean = () => true) => of(r, kind).some(pred);

/** The audit's browser presents as an ordinary one (sites and SDKs treat automation differently). */
async function ordinary(s: StepContext) {
  const seen = await s.page.evaluate(() => ({ webdriver: navigator.webdriver, ua: navigator.userAgent, w: innerWidth, lang: navigator.languages[0] }));
  expect(seen, s.b.name).toMatchObject({ webdriver: false, w: 1366, lang: 'en-US' });
  expect(seen.ua).not.toMatch(/Headless/i);
  if (s.b.name === 'firefox') {
    expect(seen.ua).toMatch(/^Mozilla\/5\.0 \(X11; Linux x86_64; rv:\d+\.0\) Gecko\/20100101 Firefox\/\d+\.0$/);
    // Firefox's default tracking protection, not the automation defaults: third-party cookies partitioned
    expect(await (s.b as FirefoxLaunched).system('return Services.prefs.getIntPref("network.cookie.cookieBehavior");')).toBe(5);
  }
}

async function moveMouse(s: StepContext) {
  await s.page.mouse.move(50, 50);
  await s.page.mouse.move(200, 120);
  await s.page.mouse.move(300, 200);
}

test('privacy findings in Firefox are the same as in Chromium on every privacy fixture site', async ({ server }) => {
  test.setTimeout(420_000);
  const url = (host: string, path = '/', https = false) => server.url(host, path, https);
  const steps: Step[] = [
    {
      site: 'fp.test',
      url: url('fp.test'),
      // the library still works under the hooks, and the hooked APIs still look native to the page
      act: async (s) => {
        await s.until('FingerprintJS to finish', () => s.page.evaluate(() => /^[0-9a-f]{20,}$/.test(document.getElementById('visitor')?.textContent ?? '')));
        expect(await s.page.evaluate(() => String(HTMLCanvasElement.prototype.toDataURL))).toContain('[native code]');
        expect(await s.page.evaluate(() => Function.prototype.toString.call(Object.getOwnPropertyDescriptor(Navigator.prototype, 'hardwareConcurrency')!.get))).toContain('[native code]');
      },
      ready: (r) => ['navigator', 'audio'].every((t) => has(r, 'fingerprinting', (f) => f.details.technique === t)),
    },
    {
      site: 'probe.test',
      url: url('probe.test', '/', true),
      ready: (r) => ['font', 'navigator', 'webrtc'].every((t) => has(r, 'fingerprinting', (f) => f.details.technique === t)),
    },
    ...(['chart.test', 'draw.test', 'ua.test'] as const).map(
      (host): Step => ({
        site: host,
        url: url(host),
        does: 'must not be called fingerprinting',
        act: async (s) => {
          if (host === 'ua.test') await ordinary(s);
          if (host === 'chart.test') await s.until('three charts drawn', () => s.page.evaluate(() => Object.keys((window as unknown as { Chart: { instances: object } }).Chart.instances).length === 3));
          await s.page.waitForTimeout(2500); // let the page draw and measure as it does
        },
        ready: () => true,
      }),
    ),
    { site: 'replay.test', url: url('replay.test'), act: moveMouse, ready: (r) => has(r, 'session-replay') },
    { site: 'hj.test', url: url('hj.test'), act: moveMouse, ready: (r) => has(r, 'session-replay') && has(r, 'identifier', (f) => f.details.name === '_hjSessionUser_3141592') },
    { site: 'clarity.test', url: url('clarity.test'), act: moveMouse, ready: (r) => has(r, 'session-replay') && has(r, 'identifier', (f) => f.details.name === '_clck') },
    // the Mixpanel recorder uploads its first batch after 10 s
    {
      site: 'mp.test',
      url: url('mp.test', '/', true),
      act: moveMouse,
      ready: (r) => has(r, 'session-replay', (f) => f.vendor === 'Mixpanel') && has(r, 'identifier', (f) => f.details.name === 'mp_candorfixturetoken_mixpanel'),
      timeout: 45000,
    },
    {
      site: 'ph.test',
      url: url('ph.test', '/', true),
      act: moveMouse,
      ready: (r) => has(r, 'session-replay', (f) => f.vendor === 'PostHog') && has(r, 'identifier', (f) => f.details.name === 'ph_phc_candorfixture_posthog'),
      timeout: 45000,
    },
    { site: 'pixel.test', url: url('pixel.test', '/', true), ready: (r) => of(r, 'pii-leak').length >= 4 && has(r, 'identifier', (f) => f.details.name === '_fbp') },
    {
      site: 'form.test',
      url: url('form.test', '/', true),
      act: async (s) => {
        for (const [sel, v] of [['#email', CANARY.email], ['#phone', CANARY.phone], ['#fullname', CANARY.name], ['#password', CANARY.password]] as const) {
          await s.page.locator(sel).pressSequentially(v, { delay: 5 });
        }
        await s.page.locator('h1').click(); // leave the last field; nothing is submitted
      },
      ready: (r) => of(r, 'keylogging').length >= 4,
    },
    {
      site: 'signup.test',
      url: url('signup.test', '/', true),
      does: 'a quiet form: typed, then submitted',
      act: async (s) => {
        await s.page.locator('#email').pressSequentially(CANARY.email, { delay: 5 });
        await s.page.locator('#name').pressSequentially(CANARY.name, { delay: 5 });
        await s.page.locator('h1').click();
        await s.page.waitForTimeout(1500);
        await s.page.locator('button').click();
        await s.page.locator('#done').waitFor();
      },
      ready: () => true,
    },
    // CNAME cloaking: no third party in the page, but metrics.cname-shop.test is an alias of Adobe's servers
    {
      site: 'cname-shop.test',
      url: url('cname-shop.test'),
      act: (s) => s.until('the beacon', async () => s.requests().some((r) => r.host === 'metrics.cname-shop.test' && r.path.startsWith('/b/ss/'))),
      ready: (r, browser) => browser === 'chromium' || has(r, 'tracker', (f) => f.details.servedFrom === 'first-party'),
    },
    { site: 'news-a.test', url: url('news-a.test'), ready: (r) => has(r, 'identifier', (f) => f.details.name === 'uid') },
    { site: 'news-b.test', url: url('news-b.test'), ready: (r) => has(r, 'identifier', (f) => f.details.name === 'uid') },
    { site: 'news-c.test', url: url('news-c.test'), ready: (r) => has(r, 'tracker', (f) => !!f.details.learned) },
  ];

  const { firefox } = await runInBoth(server, steps, { firefox: (b) => cnameInFirefox(b, 'metrics.cname-shop.test', 'cname-shop.test.ssl.sc.omtrdc.net') });

  // What the Chromium suite asserts, asserted of Firefox's reports too.
  const ff = (site: string) => firefox.find((s) => s.site === site)!.report!;
  for (const f of of(ff('fp.test'), 'fingerprinting')) expect(f).toMatchObject({ vendor: 'FingerprintJS', source: 'page', details: { script: 'https://openfpcdn.io/fingerprintjs/v5/iife.min.js' } });
  expect(of(ff('probe.test'), 'fingerprinting').map((f) => `${f.details.technique}:${f.details.api}`).sort()).toEqual(['font:measureText', 'navigator:enumerateDevices', 'webrtc:createOffer']);
  for (const host of ['chart.test', 'draw.test', 'ua.test']) expect(of(ff(host), 'fingerprinting'), host).toEqual([]);
  expect(of(ff('replay.test'), 'session-replay')[0]!.details).toMatchObject({ scriptSite: 'quietreplay.test', mutationObserver: true });
  expect(of(ff('hj.test'), 'session-replay').map((f) => f.vendor)).toEqual(['Hotjar']);
  expect(of(ff('clarity.test'), 'session-replay').map((f) => f.vendor)).toEqual(['Microsoft Clarity']);
  expect(of(ff('pixel.test'), 'pii-leak').map((f) => `${f.details.destination}:${f.details.type}`).sort()).toEqual([
    'analytics.tiktok.com:email',
    'www.facebook.com:email',
    'www.facebook.com:phone',
    'www.google.com:email',
  ]);
  expect(of(ff('form.test'), 'keylogging').map((f) => `${f.details.field}|${f.details.encoding}`).sort()).toEqual([
    'email field “email”|plain',
    'password field “password”|base64',
    'tel field “phone”|sha256',
    'text field “fullname”|url-encoded',
  ]);
  expect(JSON.stringify(ff('form.test'))).not.toContain(CANARY.email);
  expect(of(ff('signup.test'), 'keylogging')).toEqual([]);
  expect(server.requests.some((r) => r.host === 'signup.test' && r.path === '/subscribe')).toBe(true);
  expect(of(ff('cname-shop.test'), 'tracker')).toEqual([
    expect.objectContaining({
      vendor: 'Adobe Experience Cloud',
      company: 'Adobe',
      title: 'Adobe Experience Cloud (Adobe) is told about your visit through the site’s own address metrics.cname-shop.test (a DNS alias of its servers)',
      details: expect.objectContaining({ servedFrom: 'first-party', domain: 'omtrdc.net', host: 'metrics.cname-shop.test', canonicalName: 'cname-shop.test.ssl.sc.omtrdc.net' }),
    }),
  ]);
  expect(of(ff('news-c.test'), 'tracker').find((f) => f.details.learned)).toMatchObject({ vendor: 'unlisted-beacon.test', details: { siteCount: 3 } });
});
