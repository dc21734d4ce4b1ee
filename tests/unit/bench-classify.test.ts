// The classification benchmark must measure what the extension does: its classifier decides exactly
// as trackersDetector does on every URL of the corpus, and the adblocker baseline does the same job
// (it flags the same requests), or the ratio compares different work.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FiltersEngine, Request } from '@ghostery/adblocker';
import { describe, expect, it } from 'vitest';
import { siteOf } from '../../src/background/site';
import { createTrackerDb } from '../../src/detectors/tracker-db';
import { buildTrackerIndex } from '../../src/detectors/tracker-index-build';
import { trackersDetector } from '../../src/detectors/trackers';
import { classifyOurs } from '../bench/classify';
import { buildCorpus } from '../bench/corpus';
import { CATALOG, ROOT } from './helpers';

const index = buildTrackerIndex(JSON.parse(readFileSync(join(ROOT, 'node_modules/third-party-web/dist/entities.json'), 'utf8')), CATALOG, 'tpw@test');
const db = createTrackerDb(index);
const { items, mix, trackerHosts } = buildCorpus(index);

describe('classification benchmark corpus', () => {
  it('is at least 10,000 URLs, the same every time, with trackers, infrastructure, first and unknown third parties', () => {
    expect(items.length).toBeGreaterThanOrEqual(10_000);
    expect(buildCorpus(index).items.map((x) => x.url)).toEqual(items.map((x) => x.url));
    for (const n of Object.values(mix)) expect(n).toBeGreaterThan(1000);
  });

  it('is classified by the bench exactly as trackersDetector classifies it', () => {
    let flagged = 0;
    const differ: string[] = [];
    for (const it of items) {
      const ctx = {
        visit: { visitId: 'v', tabId: 1, url: it.pageUrl, site: it.pageSite, startedAt: 0 },
        trackers: db,
        catalog: [],
        siteOf,
        isThirdParty: (h: string) => !!h && siteOf(h) !== it.pageSite,
      };
      const req = { phase: 'request' as const, url: it.url, type: it.type, method: 'GET', tabId: 1, frameId: 0, topUrl: it.pageUrl, at: 0 };
      const detector = trackersDetector.onRequest!(req, ctx).length > 0;
      if (classifyOurs(db, it) !== detector) differ.push(it.url);
      if (detector) flagged++;
    }
    expect(differ).toEqual([]);
    expect(flagged).toBeGreaterThan(items.length / 3);
  });

  it('is matched by the adblocker baseline the same way (≥ 99.5% agreement)', () => {
    const engine = FiltersEngine.parse(trackerHosts.map((h) => `||${h}^$third-party`).join('\n'), { loadCosmeticFilters: false });
    let agree = 0;
    for (const it of items) {
      const m = engine.match(Request.fromRawDetails({ url: it.url, type: it.type, sourceHostname: it.pageHost, sourceDomain: it.pageSite })).match;
      if (m === classifyOurs(db, it)) agree++;
    }
    expect(agree / items.length).toBeGreaterThanOrEqual(0.995);
  });
});
