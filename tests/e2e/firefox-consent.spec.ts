// Consent, GPC and the consent actions in Firefox, on the fixture sites of consent.spec.ts (real CMPs:
// vanilla-cookieconsent, Klaro, @iabtcf/cmpapi; Google Consent Mode; autoconsent for the refusal).
// The same steps run in Chromium and Firefox; each waits for its state; the reports must agree except
// for the parity table. The actions are sent as the popup's buttons send them.
import type { Finding } from '../../src/model/finding';
import type { SiteReport } from '../../src/model/report';
import { expect, runInBoth, test } from './firefox-fixtures';
import { clickText, type Step, type StepContext } from './parity/session';

const of = (r: SiteReport | null, kind: string): Finding[] => (r?.findings ?? []).filter((f) => f.kind === kind);
const first = (r: SiteReport, kind: string) => of(r, kind)[0]?.details ?? {};
const phases = (r: SiteReport) => of(r, 'tracking-before-consent').map((f) => f.details.phase).sort();
/** cc-tracks.test's first screen, complete: the banner, both trackers, and `before` of them firing before any choice */
const bannerAndTrackers = (r: SiteReport, before = 2) =>
  first(r, 'consent-banner').shown === true && of(r, 'tracker').length === 2 && of(r, 'tracking-before-consent').some((f) => (f.details.trackers as unknown[] | undefined)?.length === before);

test('consent banners, refusals and GPC in Firefox are reported as in Chromium', async ({ server }) => {
  test.setTimeout(420_000);
  const url = (host: string, path = '/') => server.url(host, path);
  const gpcDocs = (s: StepContext) => s.requests().filter((r) => r.host === 'gpc.test' && r.path === '/');
  const quiet = [url('clean.test'), url('news-a.test'), url('shop.test')];
  const start = server.requests.length;
  const steps: Step[] = [
    // no banner and no trackers, and no autoconsent where no consent platform can be (checked at the end)
    ...quiet.map((u): Step => ({ site: new URL(u).hostname, url: u, act: (s) => s.page.waitForTimeout(1500), ready: () => true })),
    {
      site: 'cc-tracks.test',
      url: url('cc-tracks.test'),
      ready: (r) => bannerAndTrackers(r) && of(r, 'rights-link').length === 4,
    },
    {
      site: 'cc-tracks.test',
      stay: true,
      url: url('cc-tracks.test'),
      does: 'Reject this banner (autoconsent in the page)',
      act: async (s) => {
        const reply = await s.send<{ ok: boolean; message: string }>({ type: 'consent/reject', tabId: s.tabId, always: false });
        expect(reply.message).toContain('Rejected the cookieconsent3 banner');
        // hidden as Playwright means it: gone, invisible, or with an empty box
        await s.until('the banner to go', () =>
          s.page.evaluate(() => {
            const el = document.querySelector('#cc-main .cm-wrapper');
            const box = el?.getBoundingClientRect();
            return !el || !el.checkVisibility({ visibilityProperty: true }) || !box || box.width * box.height === 0;
          }),
        );
      },
      ready: (r) => phases(r).join() === 'after-reject,before-choice' && first(r, 'consent-banner').choiceBy === 'candor',
    },
    { site: 'klaro-waits.test', url: url('klaro-waits.test'), ready: (r) => first(r, 'consent-banner').rejectOnFirstLayer === false },
    {
      site: 'klaro-waits.test',
      stay: true,
      url: url('klaro-waits.test'),
      does: 'accept in the Klaro banner',
      act: (s) => clickText(s.page, '.klaro button', 'That.s ok'),
      ready: (r) => of(r, 'tracker').length === 1 && first(r, 'consent-banner').choice === 'accepted',
    },
    // next visit: Klaro remembers the choice, shows no banner and loads analytics at once — that is fine
    { site: 'klaro-waits.test', sameTab: true, url: url('klaro-waits.test'), does: 'the next visit', act: (s) => s.page.waitForTimeout(2500), ready: (r) => of(r, 'tracker').length === 1 },
    { site: 'tcf-news.test', url: url('tcf-news.test'), ready: (r) => (first(r, 'consent-banner').tcf as { eventStatus?: string })?.eventStatus === 'cmpuishown' && of(r, 'tracking-before-consent').length === 1 },
    {
      site: 'tcf-news.test',
      stay: true,
      url: url('tcf-news.test'),
      does: 'reject in the TCF banner',
      act: (s) => s.page.locator('#reject').click(),
      ready: (r) => first(r, 'consent-banner').choice === 'rejected' && phases(r).includes('after-reject'),
    },
    { site: 'consent-mode.test', url: url('consent-mode.test', '/?broken=1'), ready: (r) => of(r, 'consent-banner').some((f) => f.vendor === 'Google Consent Mode' && f.details.gcs === 'G100') },
    {
      site: 'consent-mode.test',
      stay: true,
      url: url('consent-mode.test', '/?broken=1'),
      does: 'say no in the banner',
      act: (s) => s.page.locator('#no').click(),
      ready: (r) => of(r, 'tracking-before-consent').some((f) => f.details.phase === 'after-reject' && f.details.googleGranted === true),
    },
    {
      site: 'gpc.test',
      url: url('gpc.test'),
      act: async (s) => expect(await s.page.evaluate(() => document.getElementById('gpc-state')?.textContent)).toBe('GPC: off'),
      // the site's gpc.json (a background check) and what the page itself says (a page event)
      ready: (r) => first(r, 'gpc').wellKnown === true && first(r, 'gpc').sent === false,
    },
    {
      site: 'gpc.test',
      sameTab: true,
      url: url('gpc.test'),
      does: 'the visit after "Send GPC to this site"',
      before: async (s) => {
        expect(await s.send({ type: 'gpc/set', scope: 'site', tabId: s.tabId, on: true })).toEqual({ ok: true });
        s.state.gpcMark = gpcDocs(s).length;
      },
      act: async (s) => {
        await s.until('the page to see the GPC flag', () => s.page.evaluate(() => document.getElementById('gpc-state')?.textContent === 'GPC: on'));
        expect(gpcDocs(s).slice(s.state.gpcMark)[0]?.headers['sec-gpc']).toBe('1');
      },
      ready: (r) => first(r, 'gpc').sent === true && first(r, 'gpc').honored === true,
    },
    {
      site: 'clean.test',
      url: url('clean.test'),
      does: 'another site, which must not get GPC',
      act: async (s) => {
        await s.page.waitForTimeout(500);
        const doc = s.requests().filter((r) => r.host === 'clean.test' && r.path === '/').pop();
        expect(doc?.headers['sec-gpc']).toBeUndefined();
        // autoconsent went only where a consent platform may be
        const loads = await s.b.inExtension((x) => x.candor.autoconsentLoads as { url: string; why: string }[]);
        expect(loads.filter((l) => quiet.some((q) => l.url.startsWith(q)))).toEqual([]);
        expect(loads.filter((l) => l.url.startsWith(url('cc-tracks.test')) && l.why !== 'url')).toHaveLength(1);
      },
      ready: () => true,
    },
  ];
  const { firefox } = await runInBoth(server, steps);
  const ff = (site: string, i = 0) => firefox.filter((s) => s.site === site)[i]!.report!;
  expect(first(ff('cc-tracks.test'), 'consent-banner')).toMatchObject({ cmp: 'cookieconsent3', shown: true, rejectOnFirstLayer: true });
  expect((first(ff('cc-tracks.test'), 'tracking-before-consent').trackers as { vendor: string }[]).map((t) => t.vendor).sort()).toEqual(['Facebook', 'Google Analytics']);
  expect(of(ff('cc-tracks.test'), 'rights-link').map((f) => f.details.type).sort()).toEqual(['cookie-settings', 'data-request', 'do-not-sell', 'privacy-policy']);
  expect(first(ff('klaro-waits.test', 1), 'consent-banner').cmp).toBe('Klaro');
  expect(of(ff('klaro-waits.test', 1), 'tracking-before-consent')).toEqual([]);
  expect(of(ff('klaro-waits.test', 2), 'consent-banner').filter((f) => f.details.shown === true)).toEqual([]);
  expect(of(ff('klaro-waits.test', 2), 'tracking-before-consent')).toEqual([]);
  expect(first(ff('tcf-news.test'), 'consent-banner').tcf).toMatchObject({ cmpId: 300, gdprApplies: true });
  expect(of(ff('tcf-news.test', 1), 'tracking-before-consent').find((f) => f.details.phase === 'after-reject')?.title).toContain('Facebook');
  expect(first(ff('gpc.test', 1), 'gpc')).toMatchObject({ sent: true, honored: true, usp: '1YYN', wellKnown: true });
  // the site's gpc.json was read once, however many visits
  expect(server.requests.slice(start).filter((r) => r.host === 'gpc.test' && r.path === '/.well-known/gpc.json')).toHaveLength(2); // once in each browser
  expect(of(ff('clean.test', 1), 'gpc')).toEqual([]);
});

test('blocking a category on a site and GPC that is not honoured, in Firefox as in Chromium', async ({ server }) => {
  test.setTimeout(300_000);
  const url = server.url('cc-tracks.test', '/');
  const ga = (s: StepContext) => s.requests().filter((r) => r.host === 'www.google-analytics.com').length;
  const steps: Step[] = [
    { site: 'cc-tracks.test', url, ready: (r) => bannerAndTrackers(r) },
    {
      site: 'cc-tracks.test',
      sameTab: true,
      url,
      does: 'the visit after "Send GPC to this site"',
      before: async (s) => expect(await s.send({ type: 'gpc/set', scope: 'site', tabId: s.tabId, on: true })).toEqual({ ok: true }),
      ready: (r) => bannerAndTrackers(r) && first(r, 'gpc').sent === true && first(r, 'gpc').trackersHonored === false,
    },
    {
      site: 'cc-tracks.test',
      sameTab: true,
      url,
      does: 'the visit after "Block analytics on this site"',
      before: async (s) => {
        const reply = await s.send<{ ok: boolean; domains: string[] }>({ type: 'consent/block', tabId: s.tabId, category: 'analytics', block: true });
        expect(reply).toMatchObject({ ok: true, domains: ['google-analytics.com'] });
        s.state.mark = ga(s);
      },
      act: (s) => s.until('Facebook to load', async () => of(await s.report(), 'tracker').some((f) => f.company === 'Facebook')),
      // Google Analytics tried and was stopped: only Facebook fires before the choice
      // (and GPC still not honoured: Facebook loads with it, as in the step before, judged once it has)
      ready: (r) => bannerAndTrackers(r, 1) && of(r, 'tracker').some((f) => f.company === 'Google' && f.assessment === 'good') && first(r, 'gpc').trackersHonored === false,
    },
    {
      site: 'cc-tracks.test',
      sameTab: true,
      url,
      does: 'the visit after "Undo"',
      before: async (s) => {
        expect(ga(s)).toBe(s.state.mark); // nothing reached Google Analytics while blocked
        expect(await s.send({ type: 'consent/block', tabId: s.tabId, category: 'analytics', block: false })).toMatchObject({ ok: true });
        s.state.mark = ga(s);
      },
      act: (s) => s.until('Google Analytics to load again', async () => ga(s) > s.state.mark!),
      ready: (r) => bannerAndTrackers(r) && of(r, 'tracker').some((f) => f.company === 'Google' && f.assessment === 'concern') && first(r, 'gpc').trackersHonored === false,
    },
  ];
  const { firefox } = await runInBoth(server, steps);
  expect(first(firefox[1]!.report!, 'gpc')).toMatchObject({ sent: true, trackersHonored: false, trackersWithGpc: ['Facebook'] });
  expect(of(firefox[2]!.report!, 'tracker').find((f) => f.company === 'Google')!.title).toMatch(/blocked in your browser/);
});
