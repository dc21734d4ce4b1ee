// "Delete this site" and "Delete all history" while a tab of the site is still open: the dashboard
// deletes the rows, then tells the worker (history/deleted), which drops the tab's visit from memory
// and deletes again what was still being written. Nothing of the site is left, the tab's popup shows
// nothing, and what the page does next starts a fresh visit.
import { beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/background/engine';
import { DETECTORS } from '../../src/detectors';
import { CandorDb } from '../../src/storage/db';
import { deleteSite, wipeHistory } from '../../src/storage/history';
import { CATALOG, req, trackerDb } from './helpers';

let db: CandorDb;
let n = 0;
beforeEach(async () => {
  db = new CandorDb(`delete-open-${n++}`);
  await db.open();
});

const engine = () => new Engine({ db, detectors: DETECTORS, trackers: trackerDb(), catalog: CATALOG, currentUrl: async () => 'https://shop.example/now' });
const ga = (tabId: number, q = 'a=1') => req(`https://www.google-analytics.com/g/collect?${q}`, { tabId });
const doubleclick = (tabId: number) => req('https://ad.doubleclick.net/ddm/activity', { tabId });

/** every row that names the site, in every table */
async function rowsOf(site: string) {
  const out: string[] = [];
  for (const t of db.tables) for (const r of (await t.toArray()) as Record<string, unknown>[]) if (JSON.stringify(r).includes(site)) out.push(t.name);
  return out;
}

/** the dashboard's "Delete this site", then its message to the worker */
async function dashboardDeletes(e: Engine, site?: string) {
  await (site ? deleteSite(db, site) : wipeHistory(db));
  return e.afterDelete(site, (d) => (site ? deleteSite(d, site) : wipeHistory(d)));
}

describe('deleting a site whose tab is open', () => {
  it('leaves nothing of the site even though the tab keeps sending, and the next finding starts a fresh visit', async () => {
    const e = engine();
    const old = await e.startVisit(1, 'https://shop.example/');
    const other = await e.startVisit(2, 'https://news.example/');
    await e.onRequest(ga(1));
    await e.onRequest(ga(2));
    await e.writer.whenIdle();
    // a request of the open tab still queued in the writer when the person deletes
    const queued = e.onRequest(doubleclick(1));
    expect(await dashboardDeletes(e, 'shop.example')).toEqual([1]);
    await queued;
    await e.writer.whenIdle();
    expect(await rowsOf('shop.example')).toEqual([]);
    // the popup of the open tab: no visit, so nothing of the deleted data
    expect(await e.visitFor(1)).toBeUndefined();
    // the other site is untouched
    expect((await db.reports.get(other.visitId))?.findings).toHaveLength(1);

    // the page goes on: a fresh visit of the page the tab shows now, holding only what came after
    await e.onRequest(ga(1, 'a=2'));
    await e.writer.whenIdle();
    const fresh = await e.visitFor(1);
    expect(fresh?.visitId).not.toBe(old.visitId);
    expect(fresh?.url).toBe('https://shop.example/now');
    const findings = (await db.reports.toArray()).filter((r) => r.site === 'shop.example').flatMap((r) => r.findings);
    expect(findings.map((f) => [f.visitId, f.vendor])).toEqual([[fresh!.visitId, 'Google Analytics']]);
    expect(await db.sites.get('shop.example')).toMatchObject({ visits: 1, lastVisitId: fresh!.visitId });
    expect((await db.visits.get(fresh!.visitId))?.trackerCount).toBe(1);
  });

  it('without the worker being told, the open tab writes findings no visit owns (what the message prevents)', async () => {
    const e = engine();
    await e.startVisit(1, 'https://shop.example/');
    await e.onRequest(ga(1));
    await e.writer.whenIdle();
    await deleteSite(db, 'shop.example');
    await e.onRequest(doubleclick(1));
    await e.writer.whenIdle();
    expect(await rowsOf('shop.example')).toContain('reports');
  });

  it('deleting all history reaches every open tab', async () => {
    const e = engine();
    await e.startVisit(1, 'https://shop.example/');
    await e.startVisit(2, 'https://news.example/');
    await e.onRequest(ga(1));
    const queued = e.onRequest(ga(2));
    expect((await dashboardDeletes(e)).sort()).toEqual([1, 2]);
    await queued;
    await e.writer.whenIdle();
    for (const t of db.tables) if (t.name !== 'settings') expect(await t.count(), t.name).toBe(0);
    expect(await e.visitFor(1)).toBeUndefined();
    expect(await e.visitFor(2)).toBeUndefined();
  });

  it('a tab of another site keeps its visit (negative)', async () => {
    const e = engine();
    const keep = await e.startVisit(2, 'https://news.example/');
    await e.startVisit(1, 'https://shop.example/');
    await e.writer.whenIdle();
    expect(await dashboardDeletes(e, 'shop.example')).toEqual([1]);
    expect((await e.visitFor(2))?.visitId).toBe(keep.visitId);
    await e.onRequest(ga(2));
    await e.writer.whenIdle();
    expect((await db.reports.get(keep.visitId))?.findings).toHaveLength(1);
  });
});
