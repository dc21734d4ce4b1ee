// The writer under a full disk, hostile volumes and transient failures: errors are kept for the
// popup, nothing is half-written, and one page cannot make Candor store without bound.
import { beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/background/engine';
import { coreHandlers } from '../../src/background/handlers/core';
import type { BackgroundDeps } from '../../src/background/handlers/types';
import { FindingWriter, pruneSite } from '../../src/background/writer';
import { type Caps, CAPS } from '../../src/background/caps';
import type { FindingDraft } from '../../src/model/finding';
import { CandorDb } from '../../src/storage/db';
import { findingsForVisit } from '../../src/storage/queries';
import { CATALOG, storedFindings, trackerDb } from './helpers';

let db: CandorDb;
let n = 0;
beforeEach(async () => {
  db = new CandorDb(`writer-${n++}`);
  await db.open();
});

const quota = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
const draft = (key: string, over: Partial<FindingDraft> = {}): FindingDraft => ({ kind: 'tracker', key, source: 'network', confidence: 'certain', evidence: [{ url: `https://${key}.example/`, at: 'now' }], details: {}, ...over });

function engine(caps: Caps = { ...CAPS }) {
  return new Engine({ db, detectors: [], trackers: trackerDb(), catalog: CATALOG, caps, now: () => 1_700_000_000_000 });
}

describe('full disk', () => {
  it('keeps the quota error for the popup, stores nothing of the batch, and recovers', async () => {
    const e = engine();
    const v = await e.startVisit(1, 'https://shop.example/');
    await e.writer.whenIdle(); // the visit is stored; then the disk fills up
    const real = db.reports.bulkPut.bind(db.reports);
    db.reports.bulkPut = (() => Promise.reject(quota())) as unknown as typeof real;
    await e.writer.add(v, [draft('a'), draft('b')]);
    expect(e.writer.lastError).toMatchObject({ name: 'QuotaExceededError' });
    expect(await storedFindings(db)).toHaveLength(0);
    expect(await db.visits.get(v.visitId)).toMatchObject({ findingCount: 0, trackerCount: 0 });
    // the popup asks the background: status/get reports it
    const deps = { db, engine: e } as unknown as BackgroundDeps;
    expect(await coreHandlers(deps)['status/get']!({} as never, {})).toEqual({ writeError: expect.objectContaining({ name: 'QuotaExceededError' }) });
    // space freed: the next write succeeds and the banner goes away
    db.reports.bulkPut = real;
    await e.writer.add(v, [draft('c')]);
    expect(e.writer.lastError).toBeNull();
    expect((await findingsForVisit(db, v.visitId)).map((f) => f.key)).toEqual(['c']);
  });

  it('a quota error at the end of the transaction rolls back the findings already put', async () => {
    const e = engine();
    const v = await e.startVisit(1, 'https://shop.example/');
    db.visits.bulkPut = (() => Promise.reject(quota())) as unknown as typeof db.visits.bulkPut;
    await e.writer.add(v, [draft('a'), draft('b')]);
    expect(e.writer.lastError?.name).toBe('QuotaExceededError');
    expect(await storedFindings(db)).toHaveLength(0);
  });

  it('a transient failure is retried, not silently kept in memory', async () => {
    const e = engine();
    const v = await e.startVisit(1, 'https://shop.example/');
    const real = db.reports.bulkPut.bind(db.reports);
    let calls = 0;
    db.reports.bulkPut = ((...a: Parameters<typeof real>) => (++calls === 1 ? Promise.reject(new Error('transaction aborted')) : real(...a))) as typeof real;
    await e.writer.add(v, [draft('a')]);
    await e.writer.whenIdle();
    expect(await storedFindings(db)).toHaveLength(1);
    expect(e.writer.lastError).toBeNull();
  });
});

describe('caps', () => {
  it('stops adding findings to a visit at the cap, still counts repeats, and records what was dropped', async () => {
    const e = engine({ ...CAPS, findingsPerVisit: 5 });
    const v = await e.startVisit(1, 'https://shop.example/');
    await e.writer.add(v, Array.from({ length: 20 }, (_, i) => draft(`k${i}`)));
    await e.writer.add(v, [draft('k0'), draft('k999')]);
    const fs = await findingsForVisit(db, v.visitId);
    expect(fs).toHaveLength(5);
    expect(fs.find((f) => f.key === 'k0')?.count).toBe(2);
    expect(await db.visits.get(v.visitId)).toMatchObject({ findingCount: 5, trackerCount: 5, dropped: 16 });
  });

  it('a page inventing findings cannot crowd out the trackers its requests showed: each source has its cap', async () => {
    const e = engine({ ...CAPS, findingsPerVisit: 5 });
    const v = await e.startVisit(1, 'https://shop.example/');
    await e.writer.add(v, Array.from({ length: 20 }, (_, i) => draft(`page${i}`, { kind: 'experiment', source: 'page' })));
    await e.writer.add(v, [draft('ga'), draft('fb'), draft('page99', { kind: 'experiment', source: 'dom' })]);
    const fs = await findingsForVisit(db, v.visitId);
    expect(fs.filter((f) => f.source === 'network').map((f) => f.key).sort()).toEqual(['fb', 'ga']);
    expect(fs.filter((f) => f.source !== 'network')).toHaveLength(5);
    expect(await db.visits.get(v.visitId)).toMatchObject({ findingCount: 7, dropped: 16 });
  });

  it('caps what one finding holds: long keys, evidence strings and details', async () => {
    const e = engine();
    const v = await e.startVisit(1, 'https://shop.example/');
    const huge = 'x'.repeat(200_000);
    await e.writer.add(v, [
      draft(`k${huge}`, {
        vendor: huge,
        title: `<script>${huge}`,
        evidence: Array.from({ length: 50 }, () => ({ url: `https://a.example/${huge}`, detail: huge, at: huge })),
        details: { small: 1, big: huge, list: Array.from({ length: 10_000 }, (_, i) => i) },
      }),
    ]);
    const [f] = await storedFindings(db);
    expect(JSON.stringify(f).length).toBeLessThan(12_000);
    expect(f!.details).toMatchObject({ small: 1, truncated: true });
    expect(f!.evidence).toHaveLength(5);
  });

  it('keeps at most visitsPerSite visits of a site, dropping the oldest with their findings', async () => {
    const e = engine({ ...CAPS, visitsPerSite: 3 });
    let t = 0;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const v = await e.startVisit(1, `https://shop.example/${i}`);
      ids.push(v.visitId);
      await e.writer.add(v, [draft(`k${t++}`)]);
    }
    const left = await db.visits.where('site').equals('shop.example').toArray();
    expect(left.map((v) => v.url).sort()).toEqual(['https://shop.example/3', 'https://shop.example/4', 'https://shop.example/5']);
    expect(await db.reports.where('visitId').anyOf(ids.slice(0, 3)).count()).toBe(0);
    expect(await db.reports.where('visitId').anyOf(ids.slice(3)).count()).toBe(3);
  });

  it('keeps at most findingsPerSite findings of a site, never pruning the current visit or other sites', async () => {
    await db.visits.bulkPut([
      { id: 'a', site: 's.example', url: 'u', tabId: 1, startedAt: 1, trackerCount: 0, findingCount: 8 },
      { id: 'b', site: 's.example', url: 'u', tabId: 1, startedAt: 2, trackerCount: 0, findingCount: 8 },
      { id: 'c', site: 's.example', url: 'u', tabId: 1, startedAt: 3, trackerCount: 0, findingCount: 8 },
      { id: 'o', site: 'other.example', url: 'u', tabId: 2, startedAt: 0, trackerCount: 0, findingCount: 50 },
    ]);
    expect(await pruneSite(db, 's.example', 'c', { ...CAPS, findingsPerSite: 10 })).toBe(2);
    expect((await db.visits.toArray()).map((v) => v.id).sort()).toEqual(['c', 'o']);
  });
});

describe('FindingWriter alone', () => {
  it('a batch for a visit row that does not exist is still stored (imports, pruned visits)', async () => {
    const w = new FindingWriter(db);
    await w.add({ visitId: 'gone', tabId: 1, url: 'https://x.example/', site: 'x.example', startedAt: 0 }, [draft('a')]);
    expect(await storedFindings(db)).toHaveLength(1);
  });
});

describe('floods of one finding', () => {
  it('counts every repeat while keeping only the first drafts in memory', async () => {
    const e = engine();
    const v = await e.startVisit(1, 'https://shop.example/');
    const adds = Array.from({ length: 1000 }, (_, i) => e.writer.add(v, [draft('ga', { evidence: [{ url: `https://ga.example/${i}`, at: 'now' }] })]));
    await Promise.all(adds);
    await e.writer.whenIdle();
    const [f] = await findingsForVisit(db, v.visitId);
    expect(f!.count).toBe(1000);
    expect(f!.evidence[0]!.url).toBe('https://ga.example/0');
  });
});
