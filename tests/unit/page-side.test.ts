// The page side's pure parts: text captured from pages, the relay's buffer, the worker's judging of
// raw DOM observations.
import { describe, expect, it } from 'vitest';
import { judgePrices, judgeUrgency } from '../../src/detectors/dom-judge';
import { capText } from '../../src/model/finding';
import { keeper } from '../../src/observe/relay';

describe('page text at the capture point', () => {
  it('drops C1 controls and bidi overrides, keeps the words', () => {
    const spoof = 'Chat with \u202Etnega namuh\u202C a human\u0085\u009b agent \u2066isolated\u2069';
    expect(capText(spoof)).toBe('Chat with tnega namuh a human agent isolated');
  });
  it('leaves ordinary non-Latin text alone (negative)', () => {
    expect(capText('Künstliche Intelligenz — 人工知能 — ذكاء')).toBe('Künstliche Intelligenz — 人工知能 — ذكاء');
  });
});

describe('the relay keeps the first events of each kind', () => {
  it('a flood of one kind does not push out another kind that came later', () => {
    const k = keeper();
    const junk = Array.from({ length: 400 }, (_, i) => ['globals', i, '', { names: [`x${i}`] }]);
    for (let i = 0; i < 5; i++) k.add(junk);
    k.add([['fingerprint', 1, 'https://fp.example/fp.js', { technique: 'canvas' }]]);
    const kept = k.take();
    expect(kept.filter((e) => e.type === 'fingerprint')).toHaveLength(1);
    expect(kept.filter((e) => e.type === 'globals').length).toBeLessThanOrEqual(300);
    // the first of the flood are kept, not the last
    expect(kept.find((e) => e.type === 'globals')?.at).toBe(0);
  });
  it('a source limited to some kinds cannot add others', () => {
    const k = keeper();
    k.add([['fingerprint', 1, '', {}], ['tcf', 1, '', {}]], ['tcf']);
    expect(k.take().map((e) => e.type)).toEqual(['tcf']);
  });
});

describe('the worker judges raw DOM observations', () => {
  it('urgency: classifies candidates, a countdown counts from its first reading, shipping notices are not claims', () => {
    const claims = judgeUrgency([
      { text: 'Only 3 left in stock', readAt: 0 },
      { text: '01:00:00', clock: true, context: 'Offer ends in 01:00:00', readAt: 1_000_000 },
      { text: 'Order within 2 h for next-day delivery', readAt: 0 },
      { text: 'Only available in blue', readAt: 0 },
    ]);
    expect(claims).toEqual([
      { pattern: 'low-stock', text: 'Only 3 left in stock' },
      { pattern: 'countdown', text: 'Offer ends in 01:00:00', deadline: 1_000_000 + 3_600_000 },
    ]);
  });
  it('urgency: a clock inside a claimed container is the same claim', () => {
    const claims = judgeUrgency([
      { text: 'Sale ends in 00:10:00', clock: true, readAt: 0 },
      { text: '00:10:00', clock: true, readAt: 0, parent: 0 },
    ]);
    expect(claims).toHaveLength(1);
  });
  it('prices: extracts the price and keeps only the real algorithmic-pricing sentence', () => {
    const p = judgePrices({
      parts: { jsonLd: [JSON.stringify({ '@type': 'Product', name: 'Lamp', sku: 'L1', offers: { price: '19.99', priceCurrency: 'EUR' } })], metas: [] },
      path: '/lamp',
      shown: '€19.99',
      disclosures: [
        { text: 'Our algorithm picks colours', where: 'text', visible: true, nearPrice: false },
        { text: 'This price was set by an algorithm using your personal data', where: 'text', visible: true, nearPrice: true },
        { text: 'algorithmic art', where: 'title', visible: false, nearPrice: false },
      ],
    });
    expect(p?.price).toMatchObject({ price: 19.99, currency: 'EUR' });
    expect(p?.disclosures).toEqual([{ text: 'This price was set by an algorithm using your personal data', where: 'text', visible: true, nearPrice: true }]);
  });
  it('prices: a section not in the raw shape is not trusted', () => {
    expect(judgePrices({ price: { price: 1, currency: 'USD' } })).toBeUndefined();
  });
});
