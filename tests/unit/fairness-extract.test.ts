// Price extraction (structured data and HTML strings) and the urgency classifier: table-driven.
import { describe, expect, it } from 'vitest';
import { extractPrice, extractPriceFromHtml, parsePriceText, ALGO_PRICING_RE } from '../../src/detectors/fairness/price-extract';
import { classifyUrgency, clockSeconds } from '../../src/detectors/fairness/urgency-classify';

const ld = (o: unknown) => ({ jsonLd: [JSON.stringify(o)], metas: [] });

describe('parsePriceText', () => {
  it.each([
    ['$1,299.99', 1299.99, 'USD'],
    ['1.299,99 €', 1299.99, 'EUR'],
    ['£9', 9, 'GBP'],
    ['EUR 12,50', 12.5, 'EUR'],
    ['249,00 €', 249, 'EUR'],
    ['Price: 1 299 CHF', 1299, 'CHF'],
  ])('%s → %d %s', (text, price, currency) => {
    expect(parsePriceText(text)).toEqual({ price, currency });
  });
  it('no number, no price', () => expect(parsePriceText('Free shipping')).toBeNull());
});

describe('extractPrice', () => {
  it('reads a Product inside @graph with an Offer', () => {
    const p = extractPrice(ld({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite' }, { '@type': 'Product', name: 'Desk Lamp', sku: 'L1', offers: { '@type': 'Offer', price: '119.00', priceCurrency: 'usd' } }] }));
    expect(p).toMatchObject({ product: 'Desk Lamp', productKey: 'sku:L1', price: 119, currency: 'USD', source: 'json-ld' });
  });
  it('reads an AggregateOffer by its lowest price, and arrays of offers', () => {
    expect(extractPrice(ld({ '@type': 'Product', name: 'Shoe', offers: { '@type': 'AggregateOffer', lowPrice: 59.5, highPrice: 80, priceCurrency: 'EUR' } }))).toMatchObject({ price: 59.5, currency: 'EUR' });
    expect(extractPrice(ld([{ '@type': ['Product'], name: 'Hat', offers: [{ '@type': 'Offer', priceSpecification: { price: '12', priceCurrency: 'GBP' } }] }]))).toMatchObject({ price: 12, currency: 'GBP', productKey: 'hat' });
  });
  it('skips broken JSON-LD and falls back to microdata, Open Graph, then visible text', () => {
    expect(extractPrice({ jsonLd: ['{not json'], metas: [], microdata: { price: '49.00', currency: 'USD', name: 'Stove' } })).toMatchObject({ price: 49, source: 'microdata', product: 'Stove' });
    expect(extractPrice({ jsonLd: [], metas: [{ key: 'product:price:amount', content: '249.00' }, { key: 'product:price:currency', content: 'EUR' }, { key: 'og:title', content: 'Tent' }] })).toMatchObject({ price: 249, currency: 'EUR', source: 'open-graph', product: 'Tent' });
    expect(extractPrice({ jsonLd: [], metas: [], visible: '€ 19,99', title: 'Mug' }, '/p/mug')).toMatchObject({ price: 19.99, currency: 'EUR', source: 'visible', productKey: 'mug' });
  });
  it('a page with no price has none', () => {
    expect(extractPrice({ jsonLd: [JSON.stringify({ '@type': 'Article', name: 'News' })], metas: [] })).toBeNull();
  });
});

describe('extractPriceFromHtml (the clean visit: no DOMParser in a service worker)', () => {
  it('reads JSON-LD, the same as the live page', () => {
    const html = `<html><head><title>x</title><script type="application/ld+json">{"@type":"Product","name":"Desk Lamp","sku":"L1","offers":{"price":"100.00","priceCurrency":"USD"}}</script></head></html>`;
    expect(extractPriceFromHtml(html)).toMatchObject({ productKey: 'sku:L1', price: 100, currency: 'USD' });
  });
  it('reads microdata and Open Graph, attributes in any order, entities decoded', () => {
    const md = `<div itemscope><meta itemprop="name" content="Caf&eacute; &amp; Stove"><span itemprop="priceCurrency" content="USD">$</span><span content="49.00" itemprop="price">49.00</span></div>`;
    expect(extractPriceFromHtml(md)).toMatchObject({ price: 49, currency: 'USD', source: 'microdata' });
    const og = `<meta content="249.00" property="product:price:amount"><meta property='product:price:currency' content='EUR'><meta property="og:title" content="Tent &quot;Pro&quot;">`;
    expect(extractPriceFromHtml(og)).toMatchObject({ price: 249, currency: 'EUR', product: 'Tent "Pro"' });
  });
});

describe('algorithmic pricing disclosure text', () => {
  it.each(['THIS PRICE WAS SET BY AN ALGORITHM USING YOUR PERSONAL DATA', 'This price was set by an algorithm using your personal data.', 'this  price was set by an\nalgorithm using your personal data'])('matches %j', (t) => expect(ALGO_PRICING_RE.test(t)).toBe(true));
  it('does not match other notices', () => expect(ALGO_PRICING_RE.test('Prices may vary by store')).toBe(false));
});

describe('classifyUrgency (Mathur et al.)', () => {
  it.each([
    ['Offer ends in 00:09:58', 'countdown', true],
    ['Sale ends in 1d 04h 10m 05s', 'countdown', true],
    ['Only 3 left in stock!', 'low-stock', false],
    ['Hurry, selling fast', 'low-stock', false],
    ['14 people are viewing this right now', 'activity', false],
    ['Someone in Leeds just bought this', 'activity', false],
    ['Limited-time offer: 30% off today', 'limited-time', false],
    ['Deal ends soon', 'limited-time', false],
    ['Hurry! Sale ends Sunday', 'limited-time', false],
  ])('%s → %s', (text, pattern, hasClock) => expect(classifyUrgency(text, { hasClock })).toBe(pattern));

  it.each([
    ['Order within 02:14:33 for next-day delivery', true],
    ['Order by 2pm for next-day delivery', false],
    ['Order in the next 3h 10m 00s and it ships today', true],
    ['Free returns within 30 days', false],
    ['In stock', false],
    ['Opening hours 09:00:00', true],
    ['There is no need to hurry with the assembly.', false],
  ])('not urgency: %s', (text, hasClock) => expect(classifyUrgency(text, { hasClock })).toBeNull());

  it('reads the seconds left on a clock', () => {
    expect(clockSeconds('ends in 01:02:03')).toBe(3723);
    expect(clockSeconds('2 days 03h 00m 10s')).toBe((2 * 24 + 3) * 3600 + 10);
    expect(clockSeconds('12:99:00')).toBeNull();
  });
});
