// The popup reads its report without Dexie (src/storage/stored.ts). These check that it reads what
// the worker's Dexie wrote, never creates a database itself, gives way to a schema upgrade, and hears
// of Dexie's writes on the channel Dexie posts them to (pinned here to the Dexie version in use).
import { describe, expect, it } from 'vitest';
import { CandorDb } from '../../src/storage/db';
import { CHANGES_CHANNEL, onStoredChange, openStored, readSettingRows, readTabVisit, touches } from '../../src/storage/stored';
import { settingsOf } from '../../src/storage/settings';
import type { StoredFinding } from '../../src/model/finding';

const finding = (visitId: string, key: string): StoredFinding => ({
  id: `${visitId}|${key}`, key, visitId, site: 'a.example', kind: 'tracker', vendor: key, source: 'network', confidence: 'certain',
  count: 1, firstAt: 1, lastAt: 1, evidence: [], details: {},
});

async function seeded(name: string): Promise<CandorDb> {
  const db = new CandorDb(name);
  await db.transaction('rw', db.visits, db.tabs, db.reports, db.findings, async () => {
    await db.visits.bulkPut([
      { id: 'v1', site: 'a.example', url: 'https://a.example/', tabId: 7, startedAt: 10, trackerCount: 1, findingCount: 1 },
      { id: 'v2', site: 'b.example', url: 'https://b.example/', tabId: 8, startedAt: 11, trackerCount: 1, findingCount: 1 },
    ]);
    await db.tabs.bulkPut([{ tabId: 7, visitId: 'v1' }, { tabId: 8, visitId: 'v2' }, { tabId: 9, visitId: 'gone' }]);
    // v1 finalised by the worker: its report row holds a derived finding the raw rows lack
    await db.reports.put({ visitId: 'v1', site: 'a.example', findings: [finding('v1', 'tracker:x'), finding('v1', 'derived:y')] });
    // v2 written without a report row (an older version): its finding rows as they are
    await db.findings.bulkPut([finding('v1', 'tracker:x'), finding('v2', 'tracker:z')]);
  });
  return db;
}

describe('the popup read path (no Dexie)', () => {
  it("reads a tab's visit and its finalised findings, falls back to finding rows, and says when there is none", async () => {
    const db = await seeded('stored-read-1');
    const raw = (await openStored('stored-read-1'))!;
    expect(raw).not.toBeNull();
    const v1 = await readTabVisit(raw, 7);
    expect(v1?.visit.id).toBe('v1');
    expect(v1?.findings.map((f) => f.key)).toEqual(['tracker:x', 'derived:y']);
    expect((await readTabVisit(raw, 8))?.findings.map((f) => f.key)).toEqual(['tracker:z']);
    expect(await readTabVisit(raw, 9)).toBeNull(); // the tab names a visit that is gone
    expect(await readTabVisit(raw, 99)).toBeNull();
    raw.close();
    db.close();
  });

  it('never creates a database: with none stored it reads nothing, and the worker then creates its own', async () => {
    expect(await openStored('stored-read-none')).toBeNull();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain('stored-read-none');
    const db = new CandorDb('stored-read-none');
    await db.settings.put({ key: 'retentionDays', value: 7 });
    const raw = (await openStored('stored-read-none'))!;
    expect(settingsOf(await readSettingRows(raw))).toMatchObject({ retentionDays: 7, gpcAll: false });
    raw.close();
    db.close();
  });

  it('closes its connection when the worker upgrades the schema, so the upgrade is not blocked', async () => {
    const db = await seeded('stored-read-up');
    db.close();
    const raw = (await openStored('stored-read-up'))!;
    const version = raw.version;
    const up = await new Promise<number>((resolve, reject) => {
      const r = indexedDB.open('stored-read-up', version + 1);
      r.onsuccess = () => {
        r.result.close();
        resolve(r.result.version);
      };
      r.onerror = () => reject(r.error);
    });
    expect(up).toBe(version + 1);
    // the next read opens the new version
    const again = (await openStored('stored-read-up'))!;
    expect(again.version).toBe(version + 1);
    again.close();
  });

  it("hears Dexie's writes from another context on Dexie's change channel, for the tables asked about only", async () => {
    const db = await seeded('stored-read-live');
    const heard: string[] = [];
    const stopReports = onStoredChange(['reports'], () => heard.push('reports'), 'stored-read-live');
    const stopPrices = onStoredChange(['prices'], () => heard.push('prices'), 'stored-read-live');
    const stopOther = onStoredChange([], () => heard.push('other-db'), 'another-db');
    await db.reports.put({ visitId: 'v1', site: 'a.example', findings: [] });
    await expect.poll(() => heard).toContain('reports');
    stopReports();
    stopPrices();
    stopOther();
    expect(heard).not.toContain('prices');
    expect(heard).not.toContain('other-db');
    expect(CHANGES_CHANNEL).toBe('x-storagemutated-1');
    db.close();
  });

  it('reads change messages by database and table only', () => {
    expect(touches({ 'idb://candor/reports/': {} }, ['reports'])).toBe(true);
    expect(touches({ 'idb://candor/reports/site': {} }, ['reports', 'tabs'])).toBe(true);
    expect(touches({ 'idb://candor/prices/': {} }, ['reports'])).toBe(false);
    expect(touches({ 'idb://candor-other/reports/': {} }, ['reports'])).toBe(false);
    expect(touches({ 'idb://candor/prices/': {} }, [])).toBe(true);
    expect(touches(null, [])).toBe(false);
    expect(touches('idb://candor/reports/', ['reports'])).toBe(false);
  });
});
