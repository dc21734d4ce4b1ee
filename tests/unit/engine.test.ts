// The engine end to end without a browser: observations in, findings stored in IndexedDB (fake), merged
// per visit, repeats counted, forged page events unable to claim network evidence.
import { beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/background/engine';
import { DETECTORS } from '../../src/detectors';
import type { Detector } from '../../src/detectors/types';
import { CandorDb } from '../../src/storage/db';
import { findingsForVisit } from '../../src/storage/queries';
import { CATALOG, req, trackerDb } from './helpers';

let db: CandorDb;
let n = 0;
beforeEach(async () => {
  db = new CandorDb(`test-${n++}`);
  await db.open();
});

function engine(detectors: readonly Detector[] = DETECTORS) {
  return new Engine({ db, detectors, trackers: trackerDb(), catalog: CATALOG, now: () => 1_700_000_000_000 });
}

describe('Engine', () => {
  it('stores one finding per tracker per visit, counting repeats and keeping the first evidence', async () => {
    const e = engine();
    const v = await e.startVisit(7, 'https://www.shop.example/p/1');
    await e.onRequest(req('https://www.google-analytics.com/g/collect?a=1', { tabId: 7 }));
    await e.onRequest(req('https://www.google-analytics.com/g/collect?a=2', { tabId: 7 }));
    await e.onRequest(req('https://cdn.shop.example/app.js', { tabId: 7 }));
    await e.writer.whenIdle();
    const fs = await findingsForVisit(db, v.visitId);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ kind: 'tracker', vendor: 'Google Analytics', count: 2, site: 'shop.example' });
    expect(fs[0]!.evidence[0]!.url).toContain('a=1');
    const visit = await db.visits.get(v.visitId);
    expect(visit).toMatchObject({ trackerCount: 1, findingCount: 1 });
  });

  it('a new page load in the tab starts a new visit; the old findings stay with the old visit', async () => {
    const e = engine();
    const v1 = await e.startVisit(7, 'https://shop.example/');
    await e.onRequest(req('https://www.google-analytics.com/collect', { tabId: 7 }));
    const v2 = await e.startVisit(7, 'https://other.example/');
    await e.writer.whenIdle();
    expect(await findingsForVisit(db, v1.visitId)).toHaveLength(1);
    expect(await findingsForVisit(db, v2.visitId)).toHaveLength(0);
    expect((await db.sites.get('shop.example'))?.visits).toBe(1);
    expect((await db.tabs.get(7))?.visitId).toBe(v2.visitId);
  });

  it('recovers the tab’s visit from the database after the service worker restarted', async () => {
    const v = await engine().startVisit(3, 'https://shop.example/');
    const fresh = engine(); // a new worker: nothing in memory
    await fresh.onRequest(req('https://www.google-analytics.com/collect', { tabId: 3 }));
    await fresh.writer.whenIdle();
    expect(await findingsForVisit(db, v.visitId)).toHaveLength(1);
  });

  it('ignores requests of tabs with no visit (browser pages, private windows)', async () => {
    const e = engine();
    await e.onRequest(req('https://www.google-analytics.com/collect', { tabId: 99 }));
    await e.writer.whenIdle();
    expect(await db.findings.count()).toBe(0);
  });

  it('a page event cannot produce a network-sourced finding, whatever the detector claims', async () => {
    const forging: Detector = {
      id: 'forging',
      pageEventTypes: ['x'],
      onPageEvent: () => [{ kind: 'tracker', key: 'tracker:x', source: 'network', confidence: 'certain', evidence: [], details: {} }],
    };
    const e = engine([forging]);
    const v = await e.startVisit(1, 'https://shop.example/');
    await e.onPageEvents(1, [{ type: 'x', at: 1, data: {} }, { type: 'unknown', at: 1, data: {} }]);
    await e.writer.whenIdle();
    const fs = await findingsForVisit(db, v.visitId);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.source).toBe('page');
  });

  it('what the leaving page still sends after the next page was requested stays in the leaving page\'s report', async () => {
    const seen: Detector = {
      id: 'seen',
      pageEventTypes: ['x'],
      onPageEvent: (ev) => [{ kind: 'fingerprinting', key: `fp:${String(ev.data.n)}`, source: 'page', confidence: 'certain', evidence: [], details: {} }],
    };
    const e = engine([seen]);
    const v1 = await e.startVisit(3, 'https://fp.example/');
    const v2 = await e.startVisit(3, 'https://fonts.example/');
    // the leaving document (its URL as the browser reports the sender) ...
    await e.onPageEvents(3, [{ type: 'x', at: 1, data: { n: 1 } }], 'https://fp.example/#top');
    // ... the arriving one, a subframe (no document URL) and a page that moved by pushState
    await e.onPageEvents(3, [{ type: 'x', at: 1, data: { n: 2 } }], 'https://fonts.example/');
    await e.onPageEvents(3, [{ type: 'x', at: 1, data: { n: 3 } }]);
    await e.onPageEvents(3, [{ type: 'x', at: 1, data: { n: 4 } }], 'https://fonts.example/list');
    await e.writer.whenIdle();
    expect((await findingsForVisit(db, v1.visitId)).map((f) => f.key)).toEqual(['fp:1']);
    expect((await findingsForVisit(db, v2.visitId)).map((f) => f.key).sort()).toEqual(['fp:2', 'fp:3', 'fp:4']);
  });

  it('a throwing detector is contained; the others still report', async () => {
    const broken: Detector = { id: 'broken', onRequest: () => { throw new Error('boom'); } };
    const e = engine([broken, ...DETECTORS]);
    const v = await e.startVisit(1, 'https://shop.example/');
    await e.onRequest(req('https://www.google-analytics.com/collect', { tabId: 1 }));
    await e.writer.whenIdle();
    expect(await findingsForVisit(db, v.visitId)).toHaveLength(1);
  });
});
