// Per-tab budgets: one tab flooding the worker with page events or DOM snapshots has what is over its
// budget dropped and counted, its report says observation was limited, and every other tab is observed
// in full. The clock is a fake one: budgets refill by the time it says, not by how fast the test runs.
import { beforeEach, describe, expect, it } from 'vitest';
import { type Bucket, type BudgetKind, TabBudgets } from '../../src/background/budget';
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
  db = new CandorDb(`budget-${n++}`);
  await db.open();
  clock = 1_700_000_000_000;
});

const small: Record<BudgetKind, Bucket> = { events: { rate: 10, burst: 20 }, costly: { rate: 2, burst: 4 }, snapshots: { rate: 1, burst: 2 } };
const engine = () => new Engine({ db, detectors: DETECTORS, services: SERVICES, trackers: trackerDb(), catalog: CATALOG, budgets: small, now: () => clock });
const hotjar: PageEvent = { type: 'globals', at: 1, data: { names: ['hj'] } };
const junk = (i: number): PageEvent => ({ type: 'globals', at: 1, data: { names: [`x${i}`] } });
const tool = { version: 't', browser: 't' };
const limited = async (visitId: string) => (await reportForVisit(db, (await db.visits.get(visitId))!, tool)).limited;
const vendors = async (visitId: string) => (await findingsForVisit(db, visitId)).map((f) => f.vendor).filter(Boolean);

describe('TabBudgets', () => {
  it('spends the burst, then refills at the rate by the clock, per tab and per kind', () => {
    let now = 0;
    const b = new TabBudgets(() => now, small);
    expect(b.take(1, 'events', 50)).toBe(20);
    expect(b.take(1, 'events')).toBe(0);
    expect(b.take(2, 'events', 5)).toBe(5); // another tab has its own
    expect(b.take(1, 'snapshots', 5)).toBe(2); // another kind too
    now += 500; // half a second: 5 events
    expect(b.take(1, 'events', 50)).toBe(5);
    now += 60_000; // never more than the burst
    expect(b.take(1, 'events', 50)).toBe(20);
    now -= 10_000; // a clock going back refills nothing
    expect(b.take(1, 'events')).toBe(0);
    b.forget(1);
    expect(b.take(1, 'events', 50)).toBe(20);
  });
});

describe('a tab over its budget', () => {
  it('has the flood dropped and counted, its real event kept, and its report says observation was limited', async () => {
    const e = engine();
    const flood = await e.startVisit(1, 'https://flood.example/');
    await e.onPageEvents(1, [hotjar, ...Array.from({ length: 500 }, (_, i) => junk(i))]);
    await e.writer.whenIdle();
    expect(await vendors(flood.visitId)).toContain('Hotjar');
    expect(await limited(flood.visitId)).toEqual({ findings: 0, rows: 0, observations: 481 });
  });

  it('does not hold back another tab: its events and snapshots are all observed, with no "limited" note', async () => {
    const e = engine();
    await e.startVisit(1, 'https://flood.example/');
    const calm = await e.startVisit(2, 'https://calm.example/');
    for (let i = 0; i < 10; i++) await e.onPageEvents(1, Array.from({ length: 100 }, (_, k) => junk(k)));
    await e.onPageEvents(2, [hotjar]);
    await e.writer.whenIdle();
    expect(await vendors(calm.visitId)).toContain('Hotjar');
    expect(await limited(calm.visitId)).toBeUndefined();
  });

  it('costly events (database-reading services) have the smaller budget; DOM snapshots theirs', async () => {
    const e = engine();
    const v = await e.startVisit(1, 'https://flood.example/');
    const gpc: PageEvent = { type: 'gpc-signal', at: 1, data: { sent: true } };
    await e.onPageEvents(1, Array.from({ length: 10 }, () => gpc));
    const snap: DomSnapshot = { url: 'https://flood.example/', isTop: false, title: '', lang: '', scripts: [], iframes: [], sections: {}, at: 1 };
    for (let i = 0; i < 5; i++) await e.onDom(1, snap);
    await e.writer.whenIdle();
    expect((await limited(v.visitId))?.observations).toBe(6 + 3);
  });

  it('is observed again once the clock has refilled its budget', async () => {
    const e = engine();
    const v = await e.startVisit(1, 'https://flood.example/');
    await e.onPageEvents(1, Array.from({ length: 100 }, (_, k) => junk(k)));
    await e.onPageEvents(1, [hotjar]);
    await e.writer.whenIdle();
    expect(await vendors(v.visitId)).not.toContain('Hotjar');
    clock += 1000;
    await e.onPageEvents(1, [hotjar]);
    await e.writer.whenIdle();
    expect(await vendors(v.visitId)).toContain('Hotjar');
    expect((await limited(v.visitId))?.observations).toBe(81);
  });

  it('a page within its budget is observed in full and its report carries no "limited" note', async () => {
    const e = engine();
    const v = await e.startVisit(1, 'https://calm.example/');
    await e.onPageEvents(1, [hotjar, ...Array.from({ length: 18 }, (_, i) => junk(i))]);
    await e.writer.whenIdle();
    expect(await vendors(v.visitId)).toContain('Hotjar');
    expect(await limited(v.visitId)).toBeUndefined();
    expect((await db.visits.get(v.visitId))?.throttled).toBeUndefined();
  });
});
