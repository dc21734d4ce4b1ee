// The fairness detector: experiments from network events and SDK reads, pricing engines only where a
// price is shown, disclosures, urgency and price rewriting — and the catalogs behind them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCatalogFile } from '../../src/catalog/schema';
import { fairnessDetector } from '../../src/detectors/fairness';
import { experimentsFromPageEvent, experimentsFromRequest, launchDarklyEvaluations, optimizelyDecisions } from '../../src/detectors/fairness/experiments';
import type { DomSnapshot, PageEvent } from '../../src/model/observations';
import { mergeDraft } from '../../src/background/merge';
import { buildReport as buildSiteReport } from './build-report';
import { CATALOG, ctxFor, req, ROOT, visitFor } from './helpers';

const PAGE = 'https://www.shop.example/p/1';
const ctx = ctxFor(PAGE);

const OPTIMIZELY_BODY = JSON.stringify({
  account_id: '2002',
  visitors: [{ snapshots: [{ decisions: [{ campaign_id: '6006', experiment_id: '5005', variation_id: '7007', metadata: { flag_key: 'price_display', rule_key: 'price_display_test', variation_key: 'control' } }], events: [{ key: 'campaign_activated' }] }] }],
});
const LD_BODY = JSON.stringify([
  { kind: 'identify', context: { key: 'u' } },
  { kind: 'summary', features: { 'new-pricing-page': { default: false, counters: [{ value: true, count: 1, variation: 1, version: 3 }] } } },
]);

function dom(sections: Record<string, unknown>, scripts: string[] = []): DomSnapshot {
  return { url: PAGE, isTop: true, title: 't', lang: 'en', scripts, iframes: [], sections, at: 1_700_000_000_000 };
}
const price = { product: 'Lamp', productKey: 'lamp', price: 100, currency: 'USD', source: 'json-ld' };

describe('experiments from the network (cannot be forged by the page)', () => {
  it('reads Optimizely impression decisions and LaunchDarkly evaluations', () => {
    expect(optimizelyDecisions(OPTIMIZELY_BODY)).toEqual([{ id: 'price_display_test', variant: 'control', flag: 'price_display' }]);
    expect(launchDarklyEvaluations(LD_BODY)).toEqual([{ id: 'new-pricing-page', variant: '1' }]);
    expect(optimizelyDecisions('not json')).toEqual([]);
  });
  it('turns a POST to logx.optimizely.com into an experiment finding keyed like the vendor finding', () => {
    const [d] = experimentsFromRequest(req('https://logx.optimizely.com/v1/events', { method: 'POST', type: 'xmlhttprequest', body: OPTIMIZELY_BODY }), ctx);
    expect(d).toMatchObject({ kind: 'experiment', key: 'experiment:optimizely', vendor: 'Optimizely', source: 'network', details: { experiments: [{ id: 'price_display_test', variant: 'control' }] } });
  });
  it('ignores GETs, other hosts, and events without decisions', () => {
    expect(experimentsFromRequest(req('https://logx.optimizely.com/v1/events', { method: 'GET' }), ctx)).toEqual([]);
    expect(experimentsFromRequest(req('https://www.shop.example/v1/events', { method: 'POST', body: OPTIMIZELY_BODY }), ctx)).toEqual([]);
    expect(experimentsFromRequest(req('https://logx.optimizely.com/v1/events', { method: 'POST', body: '{"visitors":[]}' }), ctx)).toEqual([]);
  });
});

describe('experiments from SDK state (page events)', () => {
  const ev = (data: Record<string, unknown>): PageEvent => ({ type: 'experiments', at: 1, data });
  it('maps SDK reads to catalog vendors, and anti-flicker snippets', () => {
    const out = experimentsFromPageEvent(ev({ reads: [{ vendor: 'growthbook', via: 'window._growthbook', experiments: [{ id: 'checkout-test', variant: 'green' }] }, { vendor: 'datalayer', via: 'dataLayer', experiments: [{ id: 'checkout-test', variant: '1' }] }], antiFlicker: ['vwo'] }), ctx);
    expect(out.map((d) => [d.key, d.source])).toEqual([['experiment:growthbook', 'page'], ['experiment:vwo', 'page']]);
    expect(out[0]!.details.experiments).toEqual([{ id: 'checkout-test', variant: 'green' }]);
    expect(out[1]!.details.antiFlicker).toBe(true);
  });
  it('nothing read, nothing reported; unknown anti-flicker names are dropped', () => {
    expect(experimentsFromPageEvent(ev({ reads: [{ vendor: 'growthbook', experiments: [] }], antiFlicker: ['no-such-vendor'] }), ctx)).toEqual([]);
  });
});

describe('page-level fairness', () => {
  it('a dynamic-pricing vendor next to a price is a pricing engine, named with how it was recognised', () => {
    const scripts = ['https://cdn.intelligems.io/a1b2c3.js'];
    const withPrice = fairnessDetector.onDom!(dom({ prices: { price, disclosures: [] } }, scripts), ctx);
    expect(withPrice).toMatchObject([{ key: 'pricing-engine:intelligems', vendor: 'Intelligems', details: { recognisedBy: 'host', signal: 'intelligems.io', price: 100 } }]);
    expect(withPrice[0]!.evidence[0]!.detail).toBe('Intelligems script, recognised by its host intelligems.io, on a page showing Lamp at 100 USD');
    expect(fairnessDetector.onDom!(dom({ prices: { price: null, disclosures: [] } }, scripts), ctx)).toEqual([]);
    expect(fairnessDetector.onDom!(dom({ prices: { price, disclosures: [] } }, ['https://www.shop.example/app.js']), ctx)).toEqual([]);
  });
  it('negatives: personalisation and recommendation engines next to a price are not pricing engines, nor is another Bold app', () => {
    const scripts = ['https://cdn.dynamicyield.com/api/123/api_dynamic.js', 'https://connect.nosto.com/include/shop', 'https://option.boldapps.net/js/options.js'];
    expect(fairnessDetector.onDom!(dom({ prices: { price, disclosures: [] } }, scripts), ctx)).toEqual([]);
  });
  it('the disclosure is good when readable next to the price, a concern when only in a tooltip', () => {
    const good = fairnessDetector.onDom!(dom({ prices: { price, disclosures: [{ text: 'THIS PRICE WAS SET BY AN ALGORITHM USING YOUR PERSONAL DATA', where: 'text', visible: true, nearPrice: true }] } }), ctx);
    expect(good[0]).toMatchObject({ kind: 'algorithmic-pricing-disclosure', assessment: 'good' });
    const hidden = fairnessDetector.onDom!(dom({ prices: { price, disclosures: [{ text: 'This price was set by an algorithm using your personal data', where: 'title', visible: false, nearPrice: true }] } }), ctx);
    expect(hidden[0]).toMatchObject({ assessment: 'concern', details: { where: 'title', visible: false } });
  });
  it('urgency claims become findings, one countdown per page', () => {
    const out = fairnessDetector.onDom!(dom({ urgency: [{ pattern: 'countdown', text: 'Ends in 00:10:00', deadline: 1 }, { pattern: 'low-stock', text: 'Only 3 left' }, { pattern: 'bogus', text: 'x' }] }), ctx);
    expect(out.map((d) => d.key)).toEqual(['urgency:countdown', 'urgency:low-stock:only # left']);
  });
  it('a third-party script rewriting a price is reported; the site’s own script is not', () => {
    const ev = (script: string): PageEvent => ({ type: 'price-rewrite', at: 1, script, data: { before: '$100.00', after: '$107.00', element: 'p#price' } });
    expect(fairnessDetector.onPageEvent!(ev('https://js.optimiser.example/rewrite.js'), ctx)[0]).toMatchObject({ kind: 'price-rewrite', key: 'price-rewrite:js.optimiser.example', details: { before: '$100.00', after: '$107.00' } });
    expect(fairnessDetector.onPageEvent!(ev('https://static.shop.example/app.js'), ctx)).toEqual([]);
  });
});

describe('wording', () => {
  it('says which experiments you are in, in plain words, with page text as data', () => {
    const v = visitFor(PAGE);
    const d = experimentsFromRequest(req('https://logx.optimizely.com/v1/events', { method: 'POST', body: OPTIMIZELY_BODY }), ctx)[0]!;
    const u = fairnessDetector.onDom!(dom({ urgency: [{ pattern: 'low-stock', text: '<img src=x onerror=alert(1)> Only 2 left' }] }), ctx)[0]!;
    const report = buildSiteReport({ visit: v, findings: [mergeDraft(undefined, d, v, 1), mergeDraft(undefined, u, v, 2)], tool: { version: 't', browser: 't' } });
    expect(report.findings.map((f) => f.title)).toEqual([
      'The page says stock is running low: “<img src=x onerror=alert(1)> Only 2 left”',
      'You are in 1 experiment run with Optimizely: price_display_test (variant control)',
    ]);
    expect(report.principles.fairness.summary).toBe('1 urgency claim; you are in 1 experiment.');
  });
});

describe('catalogs', () => {
  const files = ['experiments', 'personalization'];
  it.each(files)('%s.json validates, every entry sourced', (f) => {
    const file = validateCatalogFile(f, JSON.parse(readFileSync(join(ROOT, 'seeds/catalog', `${f}.json`), 'utf8')));
    for (const e of file.entries) expect(e.source).toMatch(/^https:\/\//);
  });
  it('ids are unique across the whole catalog and the issue’s vendors are there', () => {
    const ids = CATALOG.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['optimizely', 'vwo', 'ab-tasty', 'kameleoon', 'convert', 'adobe-target', 'growthbook', 'statsig', 'launchdarkly', 'split', 'dynamic-yield', 'nosto', 'monetate', 'bloomreach', 'salesforce-personalization', 'insider', 'algolia-recommend', 'clerk', 'rebuy', 'barilliance', 'liveramp-ats', 'uid2', 'id5']) {
      expect(ids, id).toContain(id);
    }
  });
});
