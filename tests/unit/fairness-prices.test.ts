// Price history, fake deadlines and the clean-visit check with its control pair, over fake IndexedDB.
import { beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/background/engine';
import { runCleanCheck } from '../../src/background/handlers/prices';
import { pricesService } from '../../src/background/services/prices';
import { DETECTORS } from '../../src/detectors';
import { compareWithClean, countdownReset } from '../../src/detectors/fairness/price-logic';
import type { FindingDraft } from '../../src/model/finding';
import type { DomSnapshot, VisitInfo } from '../../src/model/observations';
import { buildReport as buildSiteReport } from './build-report';
import { CandorDb } from '../../src/storage/db';
import { findingsForVisit } from '../../src/storage/queries';
import { CATALOG, trackerDb } from './helpers';

let db: CandorDb;
let n = 0;
let clock = 1_700_000_000_000;
beforeEach(async () => {
  db = new CandorDb(`fair-${n++}`);
  await db.open();
  clock = 1_700_000_000_000;
});

const engine = () => new Engine({ db, detectors: DETECTORS, trackers: trackerDb(), catalog: CATALOG, services: [pricesService], now: () => clock });

function snap(url: string, price: number | null, urgency: unknown[] = []): DomSnapshot {
  return {
    url,
    isTop: true,
    title: 'Desk Lamp',
    lang: 'en',
    scripts: [],
    iframes: [],
    at: clock,
    sections: { prices: { price: price === null ? null : { product: 'Desk Lamp', productKey: 'sku:L1', price, currency: 'USD', source: 'json-ld' }, shown: '', disclosures: [] }, urgency },
  };
}

async function visit(e: Engine, url: string, s: DomSnapshot) {
  const v = await e.startVisit(1, url);
  await e.onDom(1, s);
  await e.writer.whenIdle();
  return { v, findings: await findingsForVisit(db, v.visitId) };
}

describe('price history (prices service)', () => {
  const url = 'https://shop.example/p/lamp';
  it('reports a price that differs from the last visit, with both values and dates', async () => {
    const e = engine();
    const first = await visit(e, url, snap(url, 100));
    expect(first.findings.filter((f) => f.kind === 'price-change')).toEqual([]);
    clock += 86_400_000;
    const second = await visit(e, url, snap(url, 119));
    const change = second.findings.find((f) => f.kind === 'price-change')!;
    expect(change.details).toMatchObject({ product: 'Desk Lamp', before: 100, after: 119, currency: 'USD', firstSeen: new Date(1_700_000_000_000).toISOString() });
    const report = buildSiteReport({ visit: second.v, findings: second.findings, tool: { version: 't', browser: 't' } });
    expect(report.findings.find((f) => f.kind === 'price-change')!.title).toBe('The price of Desk Lamp went up since your visit on 2023-11-14: $100.00 → $119.00');
    expect(report.principles.fairness.score).toBeLessThan(100);
    expect(await db.prices.count()).toBe(2);
  });
  it('a stable price and rescans of the same page add no finding and one row per visit', async () => {
    const e = engine();
    await visit(e, url, snap(url, 100));
    clock += 1000;
    const v2 = await e.startVisit(1, url);
    await e.onDom(1, snap(url, 100));
    await e.onDom(1, snap(url, 100));
    await e.writer.whenIdle();
    expect((await findingsForVisit(db, v2.visitId)).filter((f) => f.kind === 'price-change')).toEqual([]);
    expect(await db.prices.count()).toBe(2);
  });
  it('iframes do not write the price history', async () => {
    const e = engine();
    await e.startVisit(1, url);
    await e.onDom(1, { ...snap(url, 100), isTop: false });
    expect(await db.prices.count()).toBe(0);
  });
});

describe('countdowns that reset', () => {
  const url = 'https://shop.example/sale';
  const timer = (deadline: number) => [{ pattern: 'countdown', text: 'Offer ends in 00:10:00', deadline }];
  it('a deadline that moves later on a revisit, before it passed, is fake', async () => {
    const e = engine();
    await visit(e, url, snap(url, null, timer(clock + 600_000)));
    clock += 5000;
    const { findings } = await visit(e, url, snap(url, null, timer(clock + 600_000)));
    expect(findings.find((f) => f.key === 'urgency:countdown')!.details).toMatchObject({ pattern: 'countdown', resets: true });
  });
  it('a deadline that stays put is genuine', async () => {
    const e = engine();
    const deadline = clock + 600_000;
    await visit(e, url, snap(url, null, timer(deadline)));
    clock += 5000;
    const { findings } = await visit(e, url, snap(url, null, timer(deadline + 1000)));
    expect(findings.find((f) => f.key === 'urgency:countdown')!.details.resets).toBeUndefined();
  });
  it('countdownReset: same visit, passed deadline and reading slack are not resets', () => {
    const prev = { deadline: 10_000, visitId: 'a', at: 0 };
    expect(countdownReset(prev, 20_000, 'a', 5000)).toBe(false);
    expect(countdownReset(prev, 20_000, 'b', 11_000)).toBe(false);
    expect(countdownReset(prev, 11_500, 'b', 5000)).toBe(false);
    expect(countdownReset(prev, 20_000, 'b', 5000)).toBe(true);
    expect(countdownReset(undefined, 20_000, 'b', 5000)).toBe(false);
  });
});

describe('compareWithClean (control pair, Hannak et al.)', () => {
  it.each([
    [119, [100, 100], 'differs', 0],
    [100, [100, 100], 'same', 0],
    [104, [100, 106], 'within-noise', 6],
    [130, [100, 106], 'differs', 6],
    [100, [null, 100], 'unknown', 0],
  ] as const)('you %d vs clean %j → %s', (you, clean, verdict, noise) => {
    const r = compareWithClean(you, clean);
    expect(r.verdict).toBe(verdict);
    expect(r.noise).toBe(noise);
  });
  it('a different currency is no comparison', () => {
    expect(compareWithClean(100, [90, 90], { you: 'USD', clean: ['EUR', 'EUR'] }).verdict).toBe('unknown');
  });
});

describe('runCleanCheck', () => {
  const url = 'https://shop.example/p/lamp';
  const page = (price: string) => `<script type="application/ld+json">{"@type":"Product","name":"Desk Lamp","sku":"L1","offers":{"price":"${price}","priceCurrency":"USD"}}</script>`;
  async function setup(): Promise<VisitInfo> {
    const e = engine();
    const { v } = await visit(e, url, snap(url, 119));
    return v;
  }
  function deps(pages: string[]) {
    const stored: FindingDraft[] = [];
    const fetched: string[] = [];
    return {
      stored,
      fetched,
      d: { db, now: () => clock, fetchText: async (u: string) => (fetched.push(u), pages.shift() ?? ''), store: async (_v: VisitInfo, ds: FindingDraft[]) => void stored.push(...ds) },
    };
  }
  it('fetches the page twice and reports your price against the clean one', async () => {
    const v = await setup();
    const { d, stored, fetched } = deps([page('100.00'), page('100.00')]);
    const r = await runCleanCheck(v, d);
    expect(fetched).toEqual([url, url]);
    expect(r).toMatchObject({ status: 'done', verdict: 'differs', you: 119, clean: [100, 100] });
    expect(r.message).toBe('You are shown $119.00; a visitor without your cookies is shown $100.00.');
    expect(stored[0]).toMatchObject({ kind: 'price-difference', assessment: 'concern', details: { you: 119, clean: 100, currency: 'USD' } });
    expect((await db.cleanChecks.get(v.visitId))?.result).toMatchObject({ verdict: "differs" });
  });
  it('a page whose price moves by itself more than yours differs is not reported', async () => {
    const v = await setup();
    const { d, stored } = deps([page('100.00'), page('125.00')]);
    expect((await runCleanCheck(v, d)).verdict).toBe('within-noise');
    expect(stored).toEqual([]);
  });
  it('a failed fetch says so and stores nothing', async () => {
    const v = await setup();
    const r = await runCleanCheck(v, { db, now: () => clock, fetchText: async () => Promise.reject(new Error('the site answered HTTP 503')), store: async () => {} });
    expect(r).toMatchObject({ status: 'failed' });
    expect(r.message).toContain('HTTP 503');
  });
  it('no price on the page: no request at all', async () => {
    const e = engine();
    const v = await e.startVisit(1, url);
    const { d, fetched } = deps([]);
    expect((await runCleanCheck(v, d)).status).toBe('no-price');
    expect(fetched).toEqual([]);
  });
});

describe('experiments accumulated over a visit (experiments service)', () => {
  it('two Optimizely impressions in separate requests make one finding listing both experiments', async () => {
    const { experimentsService } = await import('../../src/background/services/experiments');
    const e = new Engine({ db, detectors: DETECTORS, trackers: trackerDb(), catalog: CATALOG, services: [experimentsService], now: () => clock });
    const v = await e.startVisit(1, 'https://shop.example/');
    const body = (rule: string, variant: string) =>
      JSON.stringify({ visitors: [{ snapshots: [{ decisions: [{ experiment_id: '1', variation_id: '2', metadata: { flag_key: 'f', rule_key: rule, variation_key: variant } }] }] }] });
    const post = (b: string) => ({ phase: 'request' as const, url: 'https://logx.optimizely.com/v1/events', type: 'xmlhttprequest', method: 'POST', tabId: 1, frameId: 0, topUrl: '', at: clock, body: b });
    await e.onRequest(post(body('price_test', 'control')));
    await e.onRequest(post(body('banner_test', 'b')));
    await e.writer.whenIdle();
    const f = (await findingsForVisit(db, v.visitId)).find((x) => x.key === 'experiment:optimizely')!;
    expect(f.details.experiments).toEqual([
      { id: 'price_test', variant: 'control', flag: 'f' },
      { id: 'banner_test', variant: 'b', flag: 'f' },
    ]);
    expect(f.source).toBe('network');
  });
});
