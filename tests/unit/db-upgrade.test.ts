// A database written by schema version 1 opens under the current CandorDb with every record intact.
// The v1 schema below is FROZEN: it is what users' browsers hold. Never edit it; when db.ts adds a
// version, add its own frozen copy and fixture next to these, and keep this test.
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FindingWriter } from '../../src/background/writer';
import { CandorDb } from '../../src/storage/db';
import { factsForVisit, findingsForVisit, latestVisitForSite, visitForTab } from '../../src/storage/queries';
import { getSettings } from '../../src/storage/settings';
import { ROOT } from './helpers';

const V1_STORES = {
  sites: '&site, lastSeen',
  visits: '&id, site, tabId, startedAt, [site+startedAt]',
  findings: '&id, visitId, site, kind, lastAt',
  tabs: '&tabId',
  prices: '&id, site, productKey, at, [site+productKey]',
  sightings: '&id, thirdParty, site',
  settings: '&key',
  meta: '&key',
} as const;

type Fixture = Record<keyof typeof V1_STORES, Record<string, unknown>[]>;
const fixture = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/db-v1.json'), 'utf8')) as Fixture;
const TABLES = Object.keys(V1_STORES) as (keyof typeof V1_STORES)[];

async function writeV1(name: string) {
  const old = new Dexie(name);
  old.version(1).stores(V1_STORES);
  await old.open();
  for (const t of TABLES) await old.table(t).bulkAdd(fixture[t]);
  old.close();
}

describe('database upgrades', () => {
  it('the fixture covers every table of version 1', () => {
    for (const t of TABLES) expect(fixture[t]?.length, t).toBeGreaterThan(0);
  });

  it('a v1 database opens under the current schema with every record intact', async () => {
    await writeV1('upgrade-v1');
    const db = new CandorDb('upgrade-v1');
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(1);
    for (const t of TABLES) {
      const key = db.table(t).schema.primKey.keyPath as string;
      const rows = await db.table(t).toArray();
      const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a[key]).localeCompare(String(b[key]));
      // every v1 row is there, unchanged field by field (a later version may add fields)
      expect(rows.sort(byKey), t).toEqual(fixture[t].slice().sort(byKey).map((r) => expect.objectContaining(r)));
    }
    // and the queries the extension runs on them still work (indexes survived)
    expect((await findingsForVisit(db, 'mi2j-7-0-aaa111')).map((f) => f.key).sort()).toEqual(['session-replay:hotjar', 'tracker:google-analytics.com']);
    expect((await latestVisitForSite(db, 'shop.example'))?.id).toBe('mi2k-7-1-abc123');
    expect((await visitForTab(db, 9))?.site).toBe('news.example');
    expect(await db.prices.where('[site+productKey]').equals(['shop.example', 'sku-1']).count()).toBe(1);
    expect(await db.sightings.where('thirdParty').equals('tracker.example').count()).toBe(1);
    expect(await getSettings(db)).toMatchObject({ privateWindows: true, retentionDays: 30 });
    // schema 2: every v1 visit has its report row, built from its stored findings, and a summary
    const report = await db.reports.get('mi2j-7-0-aaa111');
    expect(report?.findings.map((f) => f.key).sort()).toEqual(['session-replay:hotjar', 'tracker:google-analytics.com']);
    expect(await db.reports.count()).toBe(fixture.visits.length);
    expect((await db.visits.get('mi2j-7-0-aaa111'))?.summary?.trackers).toBe(1);
    db.close();
  });

  it('v1 meta rows move to their typed tables, each under its site and visit', async () => {
    await writeV1('upgrade-v1-meta');
    const old = new Dexie('upgrade-v1-meta');
    old.version(1).stores(V1_STORES);
    // rows as v1's services wrote them
    await old.table('meta').bulkPut([
      { key: 'clean-check|mi2j-7-0-aaa111', value: { status: 'done', verdict: 'same', message: 'Same price.', at: 1763800100000 } },
      { key: 'experiments|mi2j-7-0-aaa111|experiment:growthbook', value: [{ id: 'hero', variant: 'b' }] },
      { key: 'countdown|shop.example|/p/1|Ends in #:#', value: { deadline: 1763900000000, visitId: 'mi2j-7-0-aaa111', at: 1763800000000 } },
      { key: 'gpc-well-known:https://www.shop.example', value: { gpc: true, checkedAt: 1763800000000, url: 'https://www.shop.example/.well-known/gpc.json' } },
    ]);
    old.close();
    const db = new CandorDb('upgrade-v1-meta');
    await db.open();
    expect(await db.cleanChecks.get('mi2j-7-0-aaa111')).toEqual({ visitId: 'mi2j-7-0-aaa111', site: 'shop.example', at: 1763800100000, result: { status: 'done', verdict: 'same', message: 'Same price.', at: 1763800100000 } });
    expect(await db.experiments.get('mi2j-7-0-aaa111|experiment:growthbook')).toMatchObject({ visitId: 'mi2j-7-0-aaa111', site: 'shop.example', list: [{ id: 'hero', variant: 'b' }] });
    expect(await db.countdowns.get('shop.example|/p/1|Ends in #:#')).toEqual({ id: 'shop.example|/p/1|Ends in #:#', site: 'shop.example', visitId: 'mi2j-7-0-aaa111', deadline: 1763900000000, at: 1763800000000 });
    expect(await db.wellKnown.get('https://www.shop.example')).toMatchObject({ site: 'shop.example', gpc: true, checkedAt: 1763800000000 });
    // the fixture's own meta rows, of no known kind, stay where they were
    expect((await db.meta.toArray()).sort((a, b) => a.key.localeCompare(b.key))).toEqual(fixture.meta.slice().sort((a, b) => String(a.key).localeCompare(String(b.key))));
    db.close();
  });
});

// Version 2, FROZEN like v1 above: written by this schema, opened by every later one.
const V2_STORES = {
  ...V1_STORES,
  tabs: '&tabId, visitId',
  sightings: '&id, thirdParty, site, at',
  reports: '&visitId, site',
  cleanChecks: '&visitId, site, at',
  countdowns: '&id, site, visitId, at',
  wellKnown: '&origin, site, checkedAt',
  experiments: '&id, visitId, site, at',
} as const;
type Fixture2 = Record<keyof typeof V2_STORES, Record<string, unknown>[]>;
const fixture2 = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/db-v2.json'), 'utf8')) as Fixture2;
const TABLES2 = Object.keys(V2_STORES) as (keyof typeof V2_STORES)[];

describe('database version 2', () => {
  it('the v2 fixture covers every table of version 2', () => {
    for (const t of TABLES2) expect(fixture2[t]?.length, t).toBeGreaterThan(0);
  });

  it('a v2 database opens under the current schema with every record intact, and its report reads', async () => {
    const old = new Dexie('upgrade-v2');
    old.version(2).stores(V2_STORES);
    await old.open();
    for (const t of TABLES2) await old.table(t).bulkAdd(fixture2[t]);
    old.close();
    const db = new CandorDb('upgrade-v2');
    await db.open();
    for (const t of TABLES2) {
      const key = db.table(t).schema.primKey.keyPath as string;
      const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a[key]).localeCompare(String(b[key]));
      expect((await db.table(t).toArray()).sort(byKey), t).toEqual(fixture2[t].slice().sort(byKey).map((r) => expect.objectContaining(r)));
    }
    expect((await factsForVisit(db, 'mi2j-7-0-aaa111')).map((f) => f.key).sort()).toEqual(['session-replay:hotjar', 'tracker:google-analytics.com']);
    db.close();
  });

  it("schema 3: each v2 report row gets its visit's finding rows as the writer's state, and the writer goes on from them", async () => {
    const old = new Dexie('upgrade-v2-v3');
    old.version(2).stores(V2_STORES);
    await old.open();
    for (const t of TABLES2) await old.table(t).bulkAdd(fixture2[t]);
    old.close();
    const db = new CandorDb('upgrade-v2-v3');
    await db.open();
    expect(db.verno).toBe(3);
    const byVisit = (visitId: string) => fixture2.findings.filter((f) => f.visitId === visitId);
    for (const r of fixture2.reports) {
      const row = await db.reports.get(String(r.visitId));
      // every finding row of the visit, unchanged, in its one row
      expect(row?.raw?.slice().sort((a, b) => a.id.localeCompare(b.id)), String(r.visitId)).toEqual(byVisit(String(r.visitId)).sort((a, b) => String(a.id).localeCompare(String(b.id))));
      expect(row?.findings).toEqual(r.findings);
    }
    expect((await findingsForVisit(db, 'mi2j-7-0-aaa111')).map((f) => f.key).sort()).toEqual(['session-replay:hotjar', 'tracker:google-analytics.com']);
    // a repeat of an upgraded finding is counted on it, not stored twice
    const before = (await findingsForVisit(db, 'mi2j-7-0-aaa111')).find((f) => f.key === 'tracker:google-analytics.com')!;
    const v = (await db.visits.get('mi2j-7-0-aaa111'))!;
    const w = new FindingWriter(db);
    await w.add({ visitId: v.id, tabId: v.tabId, url: v.url, site: v.site, startedAt: v.startedAt }, [
      { kind: 'tracker', key: 'tracker:google-analytics.com', vendor: before.vendor, source: 'network', confidence: 'certain', evidence: [], details: {} },
    ]);
    const after = await findingsForVisit(db, 'mi2j-7-0-aaa111');
    expect(after.map((f) => f.key).sort()).toEqual(['session-replay:hotjar', 'tracker:google-analytics.com']);
    expect(after.find((f) => f.key === 'tracker:google-analytics.com')!.count).toBe(before.count + 1);
    expect((await factsForVisit(db, 'mi2j-7-0-aaa111')).map((f) => f.key).sort()).toEqual(['session-replay:hotjar', 'tracker:google-analytics.com']);
    db.close();
  });
});
