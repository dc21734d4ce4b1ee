// Privacy Badger's heuristic, learned locally: a third party nobody lists that sets an identifying
// cookie on three different first-party sites becomes a likely tracker, with the sites as evidence.
import { beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/background/engine';
import { SERVICES } from '../../src/background/services';
import { DETECTORS } from '../../src/detectors';
import type { RequestObservation } from '../../src/model/observations';
import { CandorDb } from '../../src/storage/db';
import { findingsForVisit } from '../../src/storage/queries';
import { CATALOG, req, trackerDb } from './helpers';

let db: CandorDb;
let n = 0;
beforeEach(async () => {
  db = new CandorDb(`learn-${n++}`);
  await db.open();
});

const engine = () => new Engine({ db, detectors: DETECTORS, services: SERVICES, trackers: trackerDb(), catalog: CATALOG, now: () => 1_700_000_000_000 });
const pixel = (url: string, tabId: number, looksLikeId = true): RequestObservation =>
  req(url, { phase: 'response', type: 'image', tabId, setCookies: [{ name: 'uid', valueLength: 16, looksLikeId, maxAgeDays: 365 }] });

async function visitSites(e: Engine, sites: string[], url = 'https://px.unlisted.example/p.gif', firstTab = 1) {
  const visits = [];
  for (const [i, s] of sites.entries()) {
    const v = await e.startVisit(firstTab + i, `https://${s}/`);
    await e.onRequest(pixel(url, firstTab + i));
    visits.push(v);
  }
  await e.writer.whenIdle();
  return visits;
}

describe('learned trackers', () => {
  it('flags the third party on the third site, with the sites as evidence, and remembers sightings', async () => {
    const e = engine();
    const [a, b, c] = await visitSites(e, ['news-a.example', 'news-b.example', 'news-c.example']);
    const learned = async (visitId: string) => (await findingsForVisit(db, visitId)).filter((f) => f.kind === 'tracker' && f.details.learned);
    expect(await learned(a!.visitId)).toEqual([]);
    expect(await learned(b!.visitId)).toEqual([]);
    const [t] = await learned(c!.visitId);
    expect(t).toMatchObject({ vendor: 'unlisted.example', category: 'other', confidence: 'likely', details: { siteCount: 3, sites: ['news-a.example', 'news-b.example', 'news-c.example'] } });
    expect(t!.evidence[0]!.detail).toContain('news-a.example, news-b.example');
    expect(await db.sightings.count()).toBe(3);
  });

  it('the same site three times, cookies that are not ids, and listed trackers teach nothing', async () => {
    const e = engine();
    await visitSites(e, ['news-a.example', 'news-a.example', 'www.news-a.example']);
    for (const [i, s] of ['x.example', 'y.example', 'z.example'].entries()) {
      await e.startVisit(10 + i, `https://${s}/`);
      await e.onRequest(pixel('https://px.other.example/p.gif', 10 + i, false));
    }
    await visitSites(e, ['p.example', 'q.example', 'r.example'], 'https://www.google-analytics.com/collect', 20);
    await e.writer.whenIdle();
    expect((await db.reports.toArray()).flatMap((r) => r.findings).filter((f) => f.details.learned)).toEqual([]);
    expect((await db.sightings.toArray()).map((s) => s.id)).toEqual(['unlisted.example|news-a.example']);
  });

  it('identifiers a third-party script writes to cookies or storage count, on three sites; flags and short values do not', async () => {
    const e = engine();
    const write = (tabId: number, s: string, n: string, v: string, script = 'https://cdn.unlisted-ids.example/t.js') =>
      e.onPageEvents(tabId, [{ type: 'store', at: 1, script, data: s === 'cookie' ? { s, n: '', v: `${n}=${v}; path=/; max-age=31536000` } : { s, n, v } }]);
    const sites = ['shop-a.example', 'shop-b.example', 'shop-c.example'];
    for (const [i, s] of sites.entries()) {
      const v = await e.startVisit(30 + i, `https://${s}/`);
      await write(30 + i, 'local', 'theme', 'dark');
      await write(30 + i, 'cookie', 'consent', 'true');
      // the site's own script writing an id is the site's business
      await write(30 + i, 'local', 'cart', 'c8f3a91b2e', `https://${s}/app.js`);
      if (i === 2) {
        await write(30 + i, 'local', '_uid', 'u.7f3a9c2e41d8b605');
        await e.writer.whenIdle();
        const [t] = (await findingsForVisit(db, v.visitId)).filter((f) => f.details.learned);
        expect(t).toMatchObject({ vendor: 'unlisted-ids.example', source: 'page', details: { siteCount: 3 } });
        expect(t!.evidence[0]!.detail).toMatch(/^its script writes an identifier to local storage \(_uid\) here and on 2 other sites/);
      } else await write(30 + i, i % 2 ? 'session' : 'cookie', '_uid', 'u.7f3a9c2e41d8b605');
    }
    await e.writer.whenIdle();
    expect(JSON.stringify(await db.sightings.toArray())).not.toContain('7f3a9c2e41d8b605');
    expect((await db.reports.toArray()).flatMap((r) => r.findings).filter((f) => f.details.learned).map((f) => f.vendor)).toEqual(['unlisted-ids.example']);
  });

  it('an id-shaped value in a beacon’s address counts; build hashes on scripts, timestamps and short values do not', async () => {
    const e = engine();
    const sites = ['blog-a.example', 'blog-b.example', 'blog-c.example'];
    for (const [i, s] of sites.entries()) {
      await e.startVisit(40 + i, `https://${s}/`);
      await e.onRequest(req('https://cdn.widgets.example/w.js?v=3f2a9c1b7d4e6f80a1b2', { type: 'script', tabId: 40 + i }));
      await e.onRequest(req(`https://m.counter.example/hit?t=1700000000${i}123456&lang=en-GB`, { type: 'ping', tabId: 40 + i }));
      await e.onRequest(req('https://m.idsync.example/p.gif?cid=9b2f4e1a-77c3-4d2e-9a10-3c5e8f7b6a21&ev=view', { type: 'image', tabId: 40 + i }));
    }
    await e.writer.whenIdle();
    const learned = (await db.reports.toArray()).flatMap((r) => r.findings).filter((f) => f.details.learned);
    expect(learned.map((f) => f.vendor)).toEqual(['idsync.example']);
    expect(learned[0]!.evidence[0]!.detail).toContain('sends an identifier in its address (cid) to m.idsync.example');
  });
});

