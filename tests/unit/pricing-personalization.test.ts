// The sourced catalogs of dynamic-pricing and personalisation vendors, what each is recognised as, and
// what the report tells a person about a pricing engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeDraft } from '../../src/background/merge';
import { validateCatalogFile } from '../../src/catalog/schema';
import { fairnessDetector } from '../../src/detectors/fairness';
import { vendorsDetector } from '../../src/detectors/vendors';
import type { DomSnapshot } from '../../src/model/observations';
import { buildSiteReport } from '../../src/report/build';
import { ctxFor, req, ROOT, visitFor } from './helpers';

const PAGE = 'https://www.shop.example/p/1';
const ctx = ctxFor(PAGE);
const kinds = (url: string) => vendorsDetector.onRequest!(req(url), ctx).map((d) => [d.kind, d.vendor, d.details.type ?? d.details.recognisedBy]);

describe('catalogs with their sources', () => {
  it.each(['pricing.json', 'personalization.json'])('%s validates, every entry with a source URL and a date', (f) => {
    const file = validateCatalogFile(f, JSON.parse(readFileSync(join(ROOT, 'seeds/catalog', f), 'utf8')));
    expect(file.entries.length).toBeGreaterThan(5);
    for (const e of file.entries) expect(e.source).toMatch(/^https:\/\//);
  });
  it('the pricing catalog holds only pricing vendors', () => {
    const file = JSON.parse(readFileSync(join(ROOT, 'seeds/catalog/pricing.json'), 'utf8')) as { entries: { roles: string[] }[] };
    for (const e of file.entries) expect(e.roles).toContain('pricing');
  });
});

describe('recognised from their real host names', () => {
  it.each([
    ['https://static.goqubit.com/smartserve-5.js', [['personalization', 'Qubit (Coveo)', 'segmentation']]],
    ['https://media.richrelevance.com/rrserver/js/1.2/p13n.js', [['personalization', 'Algonomy (RichRelevance)', 'recommendations']]],
    ['https://edge1.certona.net/cd/12345/certona.js', [['personalization', 'Kibo Personalization (Certona)', 'recommendations']]],
    ['https://cdn.cquotient.com/js/v2/gretel.min.js', [['personalization', 'Salesforce Commerce Einstein', 'recommendations']]],
    ['https://tags.crwdcntrl.net/lt/c/1234/lt.min.js', [['personalization', 'Lotame Panorama ID', 'identity-resolution']]],
    ['https://pixel.tapad.com/idsync/ex/receive', [['personalization', 'Tapad', 'identity-resolution']]],
    ['https://s.adroll.com/j/roundtrip.js', [['personalization', 'AdRoll', 'retargeting']]],
    ['https://us.creativecdn.com/tags?id=pr_1', [['personalization', 'RTB House', 'retargeting']]],
  ])('%s', (url, expected) => expect(kinds(url)).toEqual(expected));
  it('a pricing vendor is a pricing engine only next to a price: its request alone is not', () => {
    expect(kinds('https://cdn.intelligems.io/a1b2c3.js')).toEqual([]);
    const snap = (scripts: string[]): DomSnapshot => ({ url: PAGE, isTop: true, title: 't', lang: 'en', scripts, iframes: [], at: 1, sections: { prices: { price: { product: 'Lamp', productKey: 'lamp', price: 100, currency: 'USD', source: 'json-ld' } } } });
    expect(fairnessDetector.onDom!(snap(['https://cp.boldapps.net/js/cp.js']), ctx).map((d) => [d.vendor, d.details.recognisedBy])).toEqual([['Bold Custom Pricing', 'host']]);
  });
  it('negatives: another Bold app, a CDN and the shop itself are neither', () => {
    expect(kinds('https://option.boldapps.net/js/options.js')).toEqual([]);
    expect(kinds('https://cdn.jsdelivr.net/npm/jquery@3/dist/jquery.min.js')).toEqual([]);
    expect(kinds('https://www.shop.example/js/pricing.js')).toEqual([]);
  });
});

describe('the report on a pricing engine', () => {
  it('names the vendor, how it was recognised and what it means for the price you see', () => {
    const v = visitFor(PAGE);
    const snap: DomSnapshot = { url: PAGE, isTop: true, title: 't', lang: 'en', scripts: ['https://cdn.intelligems.io/a1b2c3.js'], iframes: [], at: 1_700_000_000_000, sections: { prices: { price: { product: 'Desk Lamp', productKey: 'lamp', price: 100, currency: 'USD', source: 'json-ld' }, disclosures: [] } } };
    const stored = mergeDraft(undefined, fairnessDetector.onDom!(snap, ctx)[0]!, v, 1);
    const f = buildSiteReport({ visit: v, findings: [stored], tool: { version: 't', browser: 't' } }).findings[0]!;
    expect(f.title).toBe('Intelligems, a dynamic-pricing service, runs next to the price of Desk Lamp ($100.00) and may set the price you see');
    expect(f.why).toContain('(recognised by its address intelligems.io)');
    expect(f.why).toContain('another visitor may be shown a different price');
    expect(f.details).toMatchObject({ vendor: 'Intelligems', recognisedBy: 'host', signal: 'intelligems.io' });
  });
});
