// Floods of page-chosen keys, one per table a page can make the worker write into: the table stops
// growing at its cap, what was refused is counted on the visit and the report says observation was
// limited, and a page within the caps is stored in full and reported without that note.
import { beforeEach, describe, expect, it } from 'vitest';
import { type Caps, CAPS } from '../../src/background/caps';
import { BUDGETS } from '../../src/background/budget';
import { Engine } from '../../src/background/engine';
import { SERVICES } from '../../src/background/services';
import { DETECTORS } from '../../src/detectors';
import type { DomSnapshot, PageEvent } from '../../src/model/observations';
import { reportForVisit } from '../../src/report/from-db';
import { CandorDb } from '../../src/storage/db';
import { findingsForVisit } from '../../src/storage/queries';
import { CATALOG, trackerDb } from './helpers';

let db: CandorDb;
let n = 0;
let clock = 1_700_000_000_000;
beforeEach(async () => {
  db = new CandorDb(`table-caps-${n++}`);
  await db.open();
  clock = 1_700_000_000_000;
});

// budgets out of the way: these tests are about storage
const roomy = { events: { rate: 1e6, burst: 1e6 }, costly: { rate: 1e6, burst: 1e6 }, snapshots: { rate: 1e6, burst: 1e6 } };
const engine = (caps: Partial<Caps> = {}) =>
  new Engine({ db, detectors: DETECTORS, services: SERVICES, trackers: trackerDb(), catalog: CATALOG, caps: { ...CAPS, ...caps }, budgets: roomy, now: () => clock });
const tool = { version: 't', browser: 't' };

function snap(url: string, sections: Record<string, unknown>): DomSnapshot {
  return { url, isTop: true, title: 'Shop', lang: 'en', scripts: [], iframes: [], at: clock, sections };
}
const priced = (url: string, productKey: string, price = 10) => snap(url, { prices: { price: { product: productKey, productKey, price, currency: 'USD', source: 'json-ld' } } });

async function limitsOf(visitId: string) {
  const row = (await db.visits.get(visitId))!;
  return (await reportForVisit(db, row, tool)).limited;
}

describe('prices: a page inventing product keys', () => {
  const url = 'https://shop.example/p';
  it('keeps at most pricesPerVisit products of one visit and counts the rest', async () => {
    const e = engine({ pricesPerVisit: 3 });
    const v = await e.startVisit(1, url);
    for (let i = 0; i < 50; i++) await e.onDom(1, priced(url, `sku:${i}`));
    await e.writer.whenIdle();
    expect(await db.prices.count()).toBe(3);
    expect(await limitsOf(v.visitId)).toEqual({ findings: 0, rows: 47, observations: 0 });
  });

  it('keeps at most pricesPerSite rows of a site, the newest, and other sites untouched', async () => {
    const e = engine({ pricesPerVisit: 2, pricesPerSite: 5 });
    await e.startVisit(9, 'https://other.example/p');
    await e.onDom(9, priced('https://other.example/p', 'sku:other'));
    for (let i = 0; i < 10; i++) {
      clock += 1000;
      await e.startVisit(1, url);
      await e.onDom(1, priced(url, `sku:${i}a`));
      await e.onDom(1, priced(url, `sku:${i}b`));
    }
    await e.writer.whenIdle();
    const rows = await db.prices.where('site').equals('shop.example').sortBy('at');
    expect(rows).toHaveLength(5);
    expect(rows.at(-1)!.productKey).toBe('sku:9b');
    expect(await db.prices.where('site').equals('other.example').count()).toBe(1);
  });

  it('a real product page within the caps: every visit priced, the change found, no "limited" note', async () => {
    const e = engine();
    const a = await e.startVisit(1, url);
    await e.onDom(1, priced(url, 'sku:lamp', 100));
    await e.onDom(1, priced(url, 'sku:lamp', 100)); // a rescan
    clock += 86_400_000;
    const b = await e.startVisit(1, url);
    await e.onDom(1, priced(url, 'sku:lamp', 120));
    await e.writer.whenIdle();
    expect(await db.prices.count()).toBe(2);
    expect((await findingsForVisit(db, b.visitId)).find((f) => f.kind === 'price-change')?.details).toMatchObject({ before: 100, after: 120 });
    expect(await limitsOf(a.visitId)).toBeUndefined();
    expect(await limitsOf(b.visitId)).toBeUndefined();
  });
});

describe('countdowns: a page inventing timer texts', () => {
  const url = 'https://shop.example/sale';
  // digits in a timer's text are the time (its key reads them as #): the page varies letters
  const letters = (x: number) => x.toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)]!);
  const timers = (i: number) => Array.from({ length: 5 }, (_, k) => ({ pattern: 'countdown', text: `Offer ${letters(i * 5 + k)} ends in 00:10:00`, deadline: clock + 600_000 }));
  it('keeps at most countdownsPerVisit of one visit and countdownsPerSite of a site', async () => {
    const e = engine({ countdownsPerVisit: 4, countdownsPerSite: 6 });
    const v = await e.startVisit(1, url);
    for (let i = 0; i < 20; i++) await e.onDom(1, snap(url, { urgency: timers(i) }));
    await e.writer.whenIdle();
    expect(await db.countdowns.count()).toBe(4);
    expect((await limitsOf(v.visitId))?.rows).toBe(96);
    for (let i = 20; i < 25; i++) {
      clock += 1000;
      await e.startVisit(1, url);
      await e.onDom(1, snap(url, { urgency: timers(i) }));
    }
    await e.writer.whenIdle();
    expect(await db.countdowns.count()).toBe(6);
  });

  it('a real timer within the caps is remembered, one row, and its reset on a revisit found', async () => {
    const e = engine();
    const timer = (deadline: number) => [{ pattern: 'countdown', text: 'Offer ends in 00:10:00', deadline }];
    await e.startVisit(1, url);
    await e.onDom(1, snap(url, { urgency: timer(clock + 600_000) }));
    clock += 5000;
    const b = await e.startVisit(1, url);
    await e.onDom(1, snap(url, { urgency: timer(clock + 600_000) }));
    await e.writer.whenIdle();
    expect(await db.countdowns.count()).toBe(1);
    expect((await findingsForVisit(db, b.visitId)).find((f) => f.key === 'urgency:countdown')?.details.resets).toBe(true);
    expect(await limitsOf(b.visitId)).toBeUndefined();
  });
});

describe('experiments: a page inventing vendor names', () => {
  const reads = (i: number): PageEvent => ({
    type: 'experiments',
    at: clock,
    data: { reads: Array.from({ length: 20 }, (_, k) => ({ vendor: `vendor-${i}-${k}`, via: 'window.x', experiments: [{ id: 'e1', variant: 'a' }] })) },
  });
  it('keeps rows for at most experimentsPerVisit vendors a visit; pruned visits take theirs along', async () => {
    const e = engine({ experimentsPerVisit: 5, visitsPerSite: 2 });
    const v = await e.startVisit(1, 'https://shop.example/');
    for (let i = 0; i < 10; i++) await e.onPageEvents(1, [reads(i)]);
    await e.writer.whenIdle();
    expect(await db.experiments.count()).toBe(5);
    expect((await limitsOf(v.visitId))?.rows).toBe(195);
    // two newer visits of the site: the flooded one is pruned, with its experiment rows
    for (let i = 0; i < 2; i++) {
      clock += 1000;
      await e.startVisit(1, 'https://shop.example/');
    }
    await e.writer.whenIdle();
    expect(await db.visits.get(v.visitId)).toBeUndefined();
    expect(await db.experiments.where('visitId').equals(v.visitId).count()).toBe(0);
  });

  it('a real SDK read within the caps is accumulated and reported as before', async () => {
    const e = engine();
    const v = await e.startVisit(1, 'https://shop.example/');
    await e.onPageEvents(1, [{ type: 'experiments', at: clock, data: { reads: [{ vendor: 'growthbook', via: 'window._growthbook', experiments: [{ id: 'checkout', variant: '1' }] }] } }]);
    await e.writer.whenIdle();
    expect(await db.experiments.count()).toBe(1);
    expect((await findingsForVisit(db, v.visitId)).some((f) => f.kind === 'experiment')).toBe(true);
    expect(await limitsOf(v.visitId)).toBeUndefined();
  });
});

describe('learned trackers: a page inventing script hosts', () => {
  const store = (host: string): PageEvent => ({ type: 'store', at: clock, script: `https://cdn.${host}/t.js`, data: { s: 'local', n: '_uid', v: 'u.7f3a9c2e41d8b605' } });
  it('keeps sightings of at most sightingsPerSite third parties on one site', async () => {
    const e = engine({ sightingsPerSite: 5 });
    const v = await e.startVisit(1, 'https://shop.example/');
    await e.onPageEvents(1, Array.from({ length: 200 }, (_, i) => store(`fake${i}.example`)));
    await e.writer.whenIdle();
    expect(await db.sightings.where('site').equals('shop.example').count()).toBe(5);
    expect((await limitsOf(v.visitId))?.rows).toBe(195);
    // another site is not affected by this one's flood
    await e.startVisit(2, 'https://news.example/');
    await e.onPageEvents(2, [store('fake0.example')]);
    await e.writer.whenIdle();
    expect(await db.sightings.where('site').equals('news.example').count()).toBe(1);
  });
});

describe('the caps', () => {
  it('leave real pages far inside (documented in caps.ts)', () => {
    expect(CAPS.pricesPerVisit).toBeGreaterThanOrEqual(10);
    expect(CAPS.experimentsPerVisit).toBeGreaterThan(CATALOG.filter((c) => c.category === 'ab-testing').length);
    expect(BUDGETS.snapshots.burst).toBeGreaterThanOrEqual(100);
  });
});
