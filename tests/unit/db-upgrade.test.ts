// A database written by schema version 1 opens under the current CandorDb with every record intact.
// The v1 schema below is FROZEN: it is what users' browsers hold. Never edit it; when db.ts adds a
// version, add its own frozen copy and fixture next to these, and keep this test.
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CandorDb } from '../../src/storage/db';
import { findingsForVisit, latestVisitForSite, visitForTab } from '../../src/storage/queries';
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
    db.close();
  });
});
