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
    expect((await db.findings.toArray()).filter((f) => f.details.learned)).toEqual([]);
    expect((await db.sightings.toArray()).map((s) => s.id)).toEqual(['unlisted.example|news-a.example']);
  });
});
