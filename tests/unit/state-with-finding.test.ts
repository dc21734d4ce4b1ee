// State a detector keeps across visits (the price seen, a countdown's deadline) is stored in the same
// transaction as the finding it leads to. A worker that dies before that transaction commits keeps
// neither, so when the content script re-sends the snapshot the restarted worker was not answered for,
// the comparison is made again and the finding is not lost for good.
import { beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/background/engine';
import { pricesService } from '../../src/background/services/prices';
import { DETECTORS } from '../../src/detectors';
import type { DomSnapshot } from '../../src/model/observations';
import { CandorDb } from '../../src/storage/db';
import { findingsForVisit } from '../../src/storage/queries';
import { CATALOG, trackerDb } from './helpers';

let db: CandorDb;
let n = 0;
let clock = 1_700_000_000_000;
beforeEach(async () => {
  db = new CandorDb(`state-${n++}`);
  await db.open();
  clock = 1_700_000_000_000;
});

const engine = () => new Engine({ db, detectors: DETECTORS, trackers: trackerDb(), catalog: CATALOG, services: [pricesService], now: () => clock });
const url = 'https://shop.example/p/lamp';
function snap(sections: Record<string, unknown>): DomSnapshot {
  return { url, isTop: true, title: 'Lamp', lang: 'en', scripts: [], iframes: [], at: clock, sections };
}
const price = (p: number) => snap({ prices: { price: { product: 'Desk Lamp', productKey: 'sku:L1', price: p, currency: 'USD', source: 'json-ld' } } });
const timer = (deadline: number) => snap({ urgency: [{ pattern: 'countdown', text: 'Offer ends in 00:10:00', deadline }] });

/**
 * The worker dies while the observation's transaction is under way: nothing of it commits (as in a
 * kill, whose transaction the browser aborts). Then a new worker starts on the same database.
 */
async function dieDuring(e: Engine, observe: (e: Engine) => Promise<void>): Promise<Engine> {
  const real = db.reports.bulkPut.bind(db.reports);
  db.reports.bulkPut = (() => Promise.reject(new Error('the worker was stopped'))) as unknown as typeof real;
  await observe(e).catch(() => {});
  await e.writer.whenIdle();
  db.reports.bulkPut = real;
  return engine();
}

describe('killed between the state and the finding', () => {
  it('a price change is found when the snapshot is re-sent to the restarted worker', async () => {
    const first = engine();
    await first.startVisit(1, url);
    await first.onDom(1, price(100));
    await first.writer.whenIdle();
    clock += 86_400_000;
    const e = engine();
    const v = await e.startVisit(1, url);
    await e.writer.whenIdle(); // the visit is stored; its price is not yet
    const restarted = await dieDuring(e, (x) => x.onDom(1, price(119)));
    expect(await db.prices.count()).toBe(1); // the dying transaction kept no price row either
    await restarted.onDom(1, price(119)); // the content script re-sends what was not answered
    await restarted.writer.whenIdle();
    const change = (await findingsForVisit(db, v.visitId)).find((f) => f.kind === 'price-change');
    expect(change?.details).toMatchObject({ before: 100, after: 119 });
    expect(await db.prices.count()).toBe(2);
  });

  it('a countdown that restarted is found when the snapshot is re-sent to the restarted worker', async () => {
    const first = engine();
    await first.startVisit(1, url);
    await first.onDom(1, timer(clock + 600_000));
    await first.writer.whenIdle();
    clock += 5000;
    const e = engine();
    const v = await e.startVisit(1, url);
    await e.writer.whenIdle();
    const restarted = await dieDuring(e, (x) => x.onDom(1, timer(clock + 600_000)));
    await restarted.onDom(1, timer(clock + 600_000));
    await restarted.writer.whenIdle();
    expect((await findingsForVisit(db, v.visitId)).find((f) => f.key === 'urgency:countdown')?.details.resets).toBe(true);
  });

  it('a stable price stays without a finding after the same kill (no false change)', async () => {
    const first = engine();
    await first.startVisit(1, url);
    await first.onDom(1, price(100));
    await first.writer.whenIdle();
    clock += 86_400_000;
    const e = engine();
    const v = await e.startVisit(1, url);
    await e.writer.whenIdle();
    const restarted = await dieDuring(e, (x) => x.onDom(1, price(100)));
    await restarted.onDom(1, price(100));
    await restarted.writer.whenIdle();
    expect((await findingsForVisit(db, v.visitId)).filter((f) => f.kind === 'price-change')).toEqual([]);
    expect(await db.prices.count()).toBe(2);
  });
});
