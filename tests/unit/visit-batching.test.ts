// Visits are stored by the writer's batches: startVisit no longer runs a transaction of its
// own, so pages opened in quick succession share transactions with each other's findings. What a
// person sees must not change: every visit recorded (with or without findings), counted once per
// site, the tab showing its newest page, caps applied, and no finding stored without its visit.
import { beforeEach, describe, expect, it } from 'vitest';
import { type Caps, CAPS } from '../../src/background/caps';
import { Engine } from '../../src/background/engine';
import { DETECTORS } from '../../src/detectors';
import type { Detector } from '../../src/detectors/types';
import type { FindingDraft } from '../../src/model/finding';
import { CandorDb } from '../../src/storage/db';
import { findingsForVisit, visitForTab } from '../../src/storage/queries';
import { CATALOG, req, trackerDb } from './helpers';

let db: CandorDb;
let n = 0;
beforeEach(async () => {
  db = new CandorDb(`batching-${n++}`);
  await db.open();
});

let clock = 1_700_000_000_000;
function engine(detectors: readonly Detector[] = [], caps: Caps = { ...CAPS }) {
  return new Engine({ db, detectors, trackers: trackerDb(), catalog: CATALOG, caps, now: () => clock++ });
}
const draft = (key: string): FindingDraft => ({ kind: 'tracker', key, source: 'network', confidence: 'certain', evidence: [{ url: `https://${key}.example/`, at: 'now' }], details: {} });

/** counts the transactions the code under test opens */
function countTransactions(): () => number {
  const real = db.transaction.bind(db) as (...a: unknown[]) => unknown;
  let count = 0;
  (db as unknown as { transaction: unknown }).transaction = (...a: unknown[]) => {
    count++;
    return real(...a);
  };
  return () => count;
}

describe('visits stored in the writer’s batches', () => {
  it('many pages opened back to back share a few transactions, and every one is stored whole', async () => {
    const e = engine();
    const txs = countTransactions();
    const ids: string[] = [];
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 40; i++) {
      // awaited per visit, as the webNavigation handler does; findings not awaited one by one
      const v = await e.startVisit(1 + (i % 4), `https://www.site${i}.example/`);
      ids.push(v.visitId);
      writes.push(e.writer.add(v, [draft('a'), draft('b'), draft('c')]));
    }
    await Promise.all(writes);
    await e.writer.whenIdle();
    // a transaction per visit (the old startVisit) would be 40 or more
    expect(txs()).toBeLessThanOrEqual(4);
    for (const [i, id] of ids.entries()) {
      expect(await db.visits.get(id)).toMatchObject({ site: `site${i}.example`, findingCount: 3, trackerCount: 3 });
      expect((await findingsForVisit(db, id)).map((f) => f.key).sort()).toEqual(['a', 'b', 'c']);
      expect(await db.sites.get(`site${i}.example`)).toMatchObject({ visits: 1, lastVisitId: id });
    }
    // each tab shows the last page opened in it
    for (let t = 1; t <= 4; t++) expect((await visitForTab(db, t))?.id).toBe(ids[36 + t - 1]);
  });

  it('a visit without any finding is still recorded, with its tab and site', async () => {
    const e = engine();
    const v = await e.startVisit(5, 'https://quiet.example/about');
    await e.writer.whenIdle();
    expect(await db.visits.get(v.visitId)).toMatchObject({ url: 'https://quiet.example/about', findingCount: 0, trackerCount: 0 });
    expect((await db.tabs.get(5))?.visitId).toBe(v.visitId);
    expect(await db.sites.get('quiet.example')).toMatchObject({ visits: 1, lastUrl: 'https://quiet.example/about' });
  });

  it('several visits of one site in one batch each count, and the site remembers the newest', async () => {
    const e = engine();
    const vs = [];
    for (let i = 0; i < 5; i++) vs.push(await e.startVisit(1, `https://shop.example/p/${i}`));
    await e.writer.whenIdle();
    expect(await db.sites.get('shop.example')).toMatchObject({ visits: 5, lastUrl: 'https://shop.example/p/4', lastVisitId: vs[4]!.visitId });
    expect(await db.visits.where('site').equals('shop.example').count()).toBe(5);
  });

  it('a redirect committed before the visit reached the database keeps the final URL', async () => {
    const e = engine();
    const v = await e.startVisit(2, 'https://shop.example/old');
    await e.updateVisitUrl(2, 'https://shop.example/new');
    await e.writer.whenIdle();
    expect((await db.visits.get(v.visitId))?.url).toBe('https://shop.example/new');
  });

  it('a tab closed before its visit was stored does not come back as an open tab', async () => {
    const e = engine();
    const v = await e.startVisit(6, 'https://shop.example/');
    void e.writer.add(v, [draft('a')]); // keeps the writer busy so the next start waits in the queue
    const w = await e.startVisit(6, 'https://shop.example/next');
    // what the background does when the tab closes
    e.forgetTab(6);
    await db.tabs.delete(6);
    await e.writer.whenIdle();
    expect(await db.tabs.get(6)).toBeUndefined();
    // the page visit itself is history and stays
    expect(await db.visits.get(w.visitId)).toMatchObject({ url: 'https://shop.example/next' });
  });

  it('the per-site visit cap holds when the visits arrive in one batch', async () => {
    const e = engine([], { ...CAPS, visitsPerSite: 3 });
    const vs = [];
    for (let i = 0; i < 6; i++) {
      const v = await e.startVisit(1, `https://shop.example/${i}`);
      vs.push(v);
      void e.writer.add(v, [draft(`k${i}`)]);
    }
    await e.writer.whenIdle();
    const left = await db.visits.where('site').equals('shop.example').toArray();
    expect(left.length).toBeLessThanOrEqual(3);
    expect(left.map((v) => v.id)).toContain(vs[5]!.visitId); // the newest is never pruned
    // no finding outlives its pruned visit
    const kept = new Set(left.map((v) => v.id));
    for (const f of await db.findings.toArray()) expect(kept.has(f.visitId)).toBe(true);
  });

  it('real requests through the detectors land on the visit of the page that made them', async () => {
    const e = engine(DETECTORS);
    const a = await e.startVisit(1, 'https://news.example/');
    const p1 = e.onRequest(req('https://www.google-analytics.com/g/collect', { tabId: 1 }));
    const b = await e.startVisit(1, 'https://shop.example/');
    const p2 = e.onRequest(req('https://connect.facebook.net/en_US/fbevents.js', { tabId: 1 }));
    await Promise.all([p1, p2]);
    await e.writer.whenIdle();
    expect((await findingsForVisit(db, a.visitId)).map((f) => f.vendor)).toEqual(['Google Analytics']);
    expect((await findingsForVisit(db, b.visitId)).map((f) => f.vendor)).toEqual(['Facebook']);
    expect(await db.visits.get(b.visitId)).toMatchObject({ trackerCount: 1, findingCount: 1 });
  });

  it('a batch that cannot commit stores neither the visit nor its findings: never a finding without its visit', async () => {
    const e = engine();
    // the transaction never commits, as when Chrome stops the worker mid-write
    db.visits.bulkPut = (() => Promise.reject(new Error('worker stopped'))) as unknown as typeof db.visits.bulkPut;
    const v = await e.startVisit(1, 'https://shop.example/');
    await e.writer.add(v, [draft('a'), draft('b')]);
    await e.writer.whenIdle();
    expect(await db.findings.count()).toBe(0);
    expect(await db.visits.count()).toBe(0);
  });

  it('after a worker restart that lost the newest visit, findings go to a visit of the site the tab shows, not the previous site', async () => {
    const before = engine(DETECTORS);
    const old = await before.startVisit(3, 'https://news.example/');
    await before.writer.whenIdle();
    // the tab then went to shop.example, but the worker died before that visit was stored
    const tabUrl = 'https://shop.example/cart';
    const after = new Engine({ db, detectors: DETECTORS, trackers: trackerDb(), catalog: CATALOG, now: () => clock++, currentUrl: async () => tabUrl });
    await after.onRequest(req('https://connect.facebook.net/en_US/fbevents.js', { tabId: 3 }));
    await after.writer.whenIdle();
    expect(await findingsForVisit(db, old.visitId)).toEqual([]);
    const now = await visitForTab(db, 3);
    expect(now).toMatchObject({ site: 'shop.example', url: tabUrl });
    expect((await findingsForVisit(db, now!.id)).map((f) => f.vendor)).toEqual(['Facebook']);
    // same site: the stored visit is carried on
    const again = new Engine({ db, detectors: DETECTORS, trackers: trackerDb(), catalog: CATALOG, now: () => clock++, currentUrl: async () => 'https://shop.example/checkout' });
    expect((await again.visitFor(3))?.visitId).toBe(now!.id);
    // a tab never observed (a private window) stays unobserved, whatever it shows
    const fresh = new Engine({ db, detectors: DETECTORS, trackers: trackerDb(), catalog: CATALOG, now: () => clock++, currentUrl: async () => 'https://private.example/' });
    expect(await fresh.visitFor(99)).toBeUndefined();
  });
});
