// Google Analytics advertising signals: npa, Google signals / remarketing hits, and "consent denied, but
// remarketing hits were sent" — with the cookieless pings and npa=1 hits that are not remarketing.
import { describe, expect, it } from 'vitest';
import { mergeDraft } from '../../src/background/merge';
import { consentDetector } from '../../src/detectors/consent';
import { parseGoogleAdsSignals, parseGoogleConsent } from '../../src/detectors/consent-signals';
import { deriveRemarketingAfterDenial, googleSignalsDetector } from '../../src/detectors/google-signals';
import type { FindingDraft, StoredFinding } from '../../src/model/finding';
import { buildReport } from './build-report';
import { ctxFor, req, visitFor } from './helpers';

const PAGE = 'https://www.shop.example/p/1';
const ctx = ctxFor(PAGE);
const T0 = 1_700_000_000_000;
const AUDIENCES = 'https://www.google.com/ads/ga-audiences?v=1&t=sr&tid=UA-1-1&cid=1.2&jid=3';
const SIGNALS = 'https://stats.g.doubleclick.net/g/collect?v=2&tid=G-ABC&cid=1.2';
const ADS = 'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/123456/?value=0&gcs=G111';
const GA4 = 'https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC&gcs=G100&gcd=13p3p3p2p5l1&npa=1';

describe('parseGoogleAdsSignals', () => {
  it.each([
    [AUDIENCES, { npa: null, remarketing: 'ga-audiences' }],
    ['https://www.google.de/ads/ga-audiences?v=1&tid=UA-1-1', { npa: null, remarketing: 'ga-audiences' }],
    [SIGNALS, { npa: null, remarketing: 'google-signals' }],
    [ADS, { npa: null, remarketing: 'ads-remarketing' }],
    ['https://www.google.com/pagead/1p-user-list/123456/?random=1', { npa: null, remarketing: 'user-list' }],
    [GA4, { npa: true, remarketing: null }],
    ['https://www.google-analytics.com/g/collect?v=2&npa=0', { npa: false, remarketing: null }],
  ])('%s', (url, expected) => expect(parseGoogleAdsSignals(url)).toEqual(expected));
  it('negatives: a plain Analytics hit, Google search, another host', () => {
    expect(parseGoogleAdsSignals('https://www.google-analytics.com/g/collect?v=2&tid=G-ABC')).toBeNull();
    expect(parseGoogleAdsSignals('https://www.google.com/search?q=ads')).toBeNull();
    expect(parseGoogleAdsSignals('https://www.shop.example/ads/ga-audiences?npa=1')).toBeNull();
  });
  it('gcd carries ad_personalization as its fourth letter', () => {
    expect(parseGoogleConsent(GA4)).toMatchObject({ adStorage: 'denied', analyticsStorage: 'denied', adPersonalization: 'denied' });
  });
});

const visit = visitFor(PAGE);
function store(drafts: { d: FindingDraft; at: number }[]): StoredFinding[] {
  const m = new Map<string, StoredFinding>();
  for (const { d, at } of drafts) m.set(d.key, mergeDraft(m.get(d.key), d, visit, at));
  return [...m.values()];
}
const hit = (url: string, at: number) => googleSignalsDetector.onRequest!(req(url, { at, type: 'image' }), ctx).map((d) => ({ d, at }));
const modeEvent = (command: 'default' | 'update', state: Record<string, string>, at: number) =>
  consentDetector.onPageEvent!({ type: 'consent-mode', at, data: { command, state } }, ctx).map((d) => ({ d, at }));
const choice = (c: 'rejected' | 'accepted', at: number) =>
  consentDetector.onPageEvent!({ type: 'consent-cmp', at, data: { cmp: 'Cookiebot', phase: 'choice', choice: c } }, ctx).map((d) => ({ d, at }));

describe('remarketing is retargeting; denied consent makes it a contradiction', () => {
  it('a ga-audiences hit is a retargeting personalisation finding; an npa=1 hit is not', () => {
    expect(hit(AUDIENCES, T0).map(({ d }) => [d.kind, d.vendor, d.details.type, d.details.via])).toEqual([['personalization', 'Google Analytics remarketing (Google signals)', 'retargeting', 'ga-audiences']]);
    expect(hit(AUDIENCES + '&npa=1', T0)).toEqual([]);
    expect(hit(GA4, T0)).toEqual([]);
  });
  it('banner rejected, then a remarketing hit: consent denied, but remarketing hits were sent', () => {
    const [d] = deriveRemarketingAfterDenial(store([...choice('rejected', T0), ...hit(AUDIENCES, T0 + 5000)]));
    expect(d).toMatchObject({ kind: 'tracking-before-consent', details: { phase: 'remarketing-denied', deniedBy: ['you rejected the consent banner'] } });
    expect(d!.evidence[0]!.detail).toContain('remarketing hit sent although you rejected the consent banner');
  });
  it('Consent Mode default denied and never granted; or the hit itself says denied', () => {
    expect(deriveRemarketingAfterDenial(store([...modeEvent('default', { ad_storage: 'denied', ad_personalization: 'denied' }, T0), ...hit(SIGNALS, T0 + 100)]))).toHaveLength(1);
    expect(deriveRemarketingAfterDenial(store(hit('https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1/?gcs=G100', T0)))[0]!.details.deniedBy).toEqual(['the hit itself says advertising consent was denied']);
  });
  it('negatives: accepted consent, a grant before the hit, a hit before a later refusal, no remarketing at all', () => {
    expect(deriveRemarketingAfterDenial(store([...choice('accepted', T0), ...hit(AUDIENCES, T0 + 5000)]))).toEqual([]);
    expect(deriveRemarketingAfterDenial(store([...modeEvent('default', { ad_storage: 'denied' }, T0), ...modeEvent('update', { ad_storage: 'granted', ad_personalization: 'granted' }, T0 + 1000), ...hit(AUDIENCES, T0 + 3000)]))).toEqual([]);
    expect(deriveRemarketingAfterDenial(store([...hit(AUDIENCES, T0), ...choice('rejected', T0 + 10_000)]))).toEqual([]);
    expect(deriveRemarketingAfterDenial(store([...choice('rejected', T0)]))).toEqual([]);
  });
  it('the report says what it means and npa=1 is shown on the Consent Mode finding', () => {
    const npa = consentDetector.onRequest!(req(GA4, { at: T0 }), ctx).map((d) => ({ d, at: T0 }));
    const r = buildReport({ visit, findings: store([...choice('rejected', T0), ...npa, ...hit(AUDIENCES, T0 + 5000)]), tool: { version: 't', browser: 't' } });
    const bad = r.findings.find((f) => f.details.phase === 'remarketing-denied')!;
    expect(bad.title).toBe('Consent denied, but Google was sent remarketing hits that add you to advertising audiences');
    expect(bad.why).toContain('follow you with ads on other sites');
    expect(r.findings.find((f) => f.vendor === 'Google Consent Mode')!.title).toContain('non-personalised ads only (npa=1)');
    expect(r.findings.find((f) => f.kind === 'personalization')!.title).toBe('Google Analytics remarketing (Google signals) follows you with ads after you leave');
  });
});
