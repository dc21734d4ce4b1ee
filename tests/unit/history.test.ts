import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportsForHistory } from '../../src/report/from-db';
import { companyReach, dailyTrend, filterSortSites, siteListRows, companiesPerSite } from '../../src/report/history';
import { CandorDb } from '../../src/storage/db';
import { deleteSite, sweepExpired, wipeHistory } from '../../src/storage/history';
import { ImportError, importReports } from '../../src/storage/import';
import { exportJson } from '../../src/report/export-json';
import { HOSTILE, OLD_SITE, historyFixture } from '../fixtures/history';
import { ROOT } from './helpers';

const NOW = new Date('2026-11-23T12:00:00Z').getTime();
const DAY = 86_400_000;
const tool = { version: '0.1.0', browser: 'test' };
let db: CandorDb;
let n = 0;

async function seeded(extra = 0) {
  const h = historyFixture(NOW, extra);
  await db.sites.bulkPut(h.sites);
  await db.visits.bulkPut(h.visits);
  await db.findings.bulkPut(h.findings);
  return h;
}

beforeEach(() => {
  db = new CandorDb(`history-test-${n++}`);
});

describe('companies across sites', () => {
  it('ranks companies by the share of sites they saw you on, counting a site once', async () => {
    const h = await seeded();
    const reach = companyReach(h.findings, h.sites.length);
    const google = reach.find((c) => c.company === 'Google')!;
    const googleSites = new Set(h.findings.filter((f) => f.company === 'Google').map((f) => f.site));
    expect(google.sites).toHaveLength(googleSites.size);
    expect(google.share).toBeCloseTo(googleSites.size / h.sites.length);
    expect(reach[0]!.company).toBe('Google');
    for (let i = 1; i < reach.length; i++) expect(reach[i - 1]!.sites.length).toBeGreaterThanOrEqual(reach[i]!.sites.length);
  });

  it('ignores good practice and findings that name nobody', () => {
    const reach = companyReach(
      [
        { site: 'a.example', kind: 'first-party-analytics', company: 'Matomo', assessment: 'good' },
        { site: 'a.example', kind: 'tracker', assessment: 'concern' },
        { site: 'a.example', kind: 'rights-link', company: 'X', assessment: 'good' },
        { site: 'b.example', kind: 'tracker', vendor: 'Unknown Pixel', assessment: 'concern' },
      ],
      2,
    );
    expect(reach).toEqual([{ company: 'Unknown Pixel', sites: ['b.example'], share: 0.5, categories: [] }]);
  });
});

describe('site list', () => {
  const rows = [
    { site: 'b.example', visits: 3, companies: 1, lastSeen: 3, firstSeen: 1 },
    { site: 'a.example', visits: 1, companies: 5, lastSeen: 9, firstSeen: 1 },
    { site: 'news-a.example', visits: 3, companies: 2, lastSeen: 5, firstSeen: 1 },
  ];
  it('searches by part of the name, case-insensitively', () => {
    expect(filterSortSites(rows, ' NEWS', 'site', 'asc').map((r) => r.site)).toEqual(['news-a.example']);
  });
  it('sorts by any column both ways, ties by name', () => {
    expect(filterSortSites(rows, '', 'site', 'asc').map((r) => r.site)).toEqual(['a.example', 'b.example', 'news-a.example']);
    expect(filterSortSites(rows, '', 'companies', 'desc').map((r) => r.site)).toEqual(['a.example', 'news-a.example', 'b.example']);
    expect(filterSortSites(rows, '', 'visits', 'desc').map((r) => r.site)).toEqual(['b.example', 'news-a.example', 'a.example']);
    expect(filterSortSites(rows, '', 'lastSeen', 'asc').map((r) => r.site)).toEqual(['b.example', 'news-a.example', 'a.example']);
  });
  it('finds one site among 10,000 with its company count', async () => {
    const h = historyFixture(NOW, 10_000);
    const list = siteListRows(h.sites, companiesPerSite(h.findings));
    expect(list).toHaveLength(h.sites.length);
    const found = filterSortSites(list, 'site-09999', 'site', 'asc');
    expect(found.map((r) => r.site)).toEqual(['site-09999.example']);
    expect(found[0]!.companies).toBe(2);
  });
});

describe('daily trend', () => {
  it('one point a day, empty days as zero, trackers per page averaged', () => {
    const pts = dailyTrend(
      [
        { startedAt: NOW, site: 'a', trackerCount: 4 },
        { startedAt: NOW - 60_000, site: 'b', trackerCount: 2 },
        { startedAt: NOW - 2 * DAY, site: 'a', trackerCount: 1 },
        { startedAt: NOW - 40 * DAY, site: 'old', trackerCount: 9 },
      ],
      7,
      NOW,
    );
    expect(pts).toHaveLength(7);
    expect(pts[6]).toMatchObject({ pages: 2, sites: 2, trackersPerPage: 3 });
    expect(pts[4]).toMatchObject({ pages: 1, trackersPerPage: 1 });
    expect(pts[5]).toMatchObject({ pages: 0, trackersPerPage: 0 });
    expect(pts.reduce((a, p) => a + p.pages, 0)).toBe(3);
  });
});

describe('deleting history', () => {
  it('deletes one site with its visits, findings and prices, and nothing else', async () => {
    const h = await seeded();
    const site = h.sites[0]!.site;
    await db.prices.put({ id: `${site}|p|1`, site, productKey: 'p', product: 'P', price: 1, currency: 'EUR', url: '', at: NOW, visitId: 'x' });
    await deleteSite(db, site);
    expect(await db.sites.get(site)).toBeUndefined();
    expect(await db.visits.where('site').equals(site).count()).toBe(0);
    expect(await db.findings.where('site').equals(site).count()).toBe(0);
    expect(await db.prices.where('site').equals(site).count()).toBe(0);
    expect(await db.sites.count()).toBe(h.sites.length - 1);
    expect(await db.findings.count()).toBe(h.findings.filter((f) => f.site !== site).length);
  });

  it('wipes all history but keeps the settings', async () => {
    await seeded();
    await db.settings.put({ key: 'retentionDays', value: 30 });
    await wipeHistory(db);
    expect([await db.sites.count(), await db.visits.count(), await db.findings.count()]).toEqual([0, 0, 0]);
    expect(await db.settings.get('retentionDays')).toEqual({ key: 'retentionDays', value: 30 });
  });

  it('the retention sweep deletes what is older than the setting and recounts the sites that keep visits', async () => {
    const h = await seeded();
    const before = await db.visits.count();
    const r = await sweepExpired(db, 30, NOW);
    expect(r.visits).toBeGreaterThanOrEqual(1);
    expect(await db.sites.get(OLD_SITE)).toBeUndefined();
    expect(await db.findings.where('site').equals(OLD_SITE).count()).toBe(0);
    expect(await db.visits.count()).toBe(before - r.visits);
    for (const s of await db.sites.toArray()) expect(s.visits).toBe(await db.visits.where('site').equals(s.site).count());
    expect(h.visits.filter((v) => v.startedAt < NOW - 30 * DAY).length).toBe(r.visits);
    expect((await sweepExpired(db, 30, NOW)).visits).toBe(0);
  });
});

describe('export then import', () => {
  it('round-trips a history through JSON into an empty database', async () => {
    await seeded();
    const reports = await reportsForHistory(db, tool);
    const text = exportJson(reports);
    const other = new CandorDb(`history-test-${n++}`);
    const r = await importReports(other, text);
    expect(r.imported).toBe(reports.length);
    const again = await reportsForHistory(other, tool);
    expect(again.map((x) => [x.site, x.url, x.findings.map((f) => f.title)])).toEqual(reports.map((x) => [x.site, x.url, x.findings.map((f) => f.title)]));
    expect(await other.sites.count()).toBe(await db.sites.count());
    // importing the same file twice adds nothing: the same visits are replaced, not doubled
    const counts = [await other.visits.count(), await other.findings.count()];
    await importReports(other, text);
    expect([await other.visits.count(), await other.findings.count()]).toEqual(counts);
    expect(again.some((x) => x.findings.some((f) => f.vendor === HOSTILE.vendor))).toBe(true);
  });

  it('refuses a malformed file as a whole, with a plain message, and changes nothing', async () => {
    await seeded();
    const before = [await db.sites.count(), await db.visits.count(), await db.findings.count()];
    const good = JSON.parse(exportJson(await reportsForHistory(db, tool, 'dailynews.example')));
    await expect(importReports(db, '{ not json')).rejects.toThrow(/not valid JSON/);
    await expect(importReports(db, JSON.stringify([...good, { ...good[0], grade: 'Z' }]))).rejects.toBeInstanceOf(ImportError);
    await expect(importReports(db, JSON.stringify([...good, { ...good[0], grade: 'Z' }]))).rejects.toThrow(/Report \d+ is not a Candor site report \(at grade\)/);
    await expect(importReports(db, JSON.stringify({ ...good[0], schemaVersion: 2 }))).rejects.toThrow(/newer version of Candor/);
    await expect(importReports(db, '[]')).rejects.toThrow(/no reports/);
    expect([await db.sites.count(), await db.visits.count(), await db.findings.count()]).toEqual(before);
  });
});

describe('i18n', () => {
  it('German has every English message, with the same placeholders', () => {
    const read = (l: string) => JSON.parse(readFileSync(join(ROOT, `public/_locales/${l}/messages.json`), 'utf8')) as Record<string, { message: string; placeholders?: object }>;
    const en = read('en');
    const de = read('de');
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en)) {
      expect(Object.keys(de[k]!.placeholders ?? {}).sort(), k).toEqual(Object.keys(en[k]!.placeholders ?? {}).sort());
      expect(de[k]!.message.length, k).toBeGreaterThan(0);
    }
  });
});

describe('the caches kept beside the history go with it', () => {
  async function withCaches() {
    await db.visits.bulkPut([
      { id: 'old', site: 'a.example', url: 'https://a.example/', tabId: 1, startedAt: NOW - 100 * DAY, trackerCount: 0, findingCount: 0 },
      { id: 'new', site: 'b.example', url: 'https://b.example/', tabId: 1, startedAt: NOW - DAY, trackerCount: 0, findingCount: 0 },
    ]);
    await db.experiments.put({ id: 'old|experiment:growthbook', visitId: 'old', site: 'a.example', at: NOW - 100 * DAY, list: [{ id: 'x' }] });
    await db.cleanChecks.bulkPut([
      { visitId: 'old', site: 'a.example', at: NOW - 100 * DAY, result: { status: 'done', message: '', at: NOW - 100 * DAY } },
      { visitId: 'new', site: 'b.example', at: NOW - DAY, result: { status: 'done', message: '', at: NOW - DAY } },
    ]);
    await db.countdowns.bulkPut([
      { id: 'a.example|/p|Ends in #:#', site: 'a.example', deadline: 1, visitId: 'old', at: NOW - 100 * DAY },
      { id: 'b.example|/p|Ends in #:#', site: 'b.example', deadline: 1, visitId: 'new', at: NOW - DAY },
    ]);
    await db.wellKnown.bulkPut([
      { origin: 'https://www.b.example', site: 'b.example', gpc: true, checkedAt: NOW - DAY, url: 'https://www.b.example/.well-known/gpc.json' },
      { origin: 'https://a.example', site: 'a.example', gpc: false, checkedAt: NOW - 100 * DAY, url: 'https://a.example/.well-known/gpc.json' },
    ]);
  }
  const keys = async () =>
    [
      ...(await db.experiments.toCollection().primaryKeys()).map((k) => `experiments ${k}`),
      ...(await db.cleanChecks.toCollection().primaryKeys()).map((k) => `clean-check ${k}`),
      ...(await db.countdowns.toCollection().primaryKeys()).map((k) => `countdown ${k}`),
      ...(await db.wellKnown.toCollection().primaryKeys()).map((k) => `gpc.json ${k}`),
    ].sort();

  it('retention deletes those of expired visits and those written before the cut-off', async () => {
    await withCaches();
    await sweepExpired(db, 90, NOW);
    expect(await keys()).toEqual(['clean-check new', 'countdown b.example|/p|Ends in #:#', 'gpc.json https://www.b.example']);
  });

  it('deleting a site deletes its visits’ and its own rows, and no other site’s', async () => {
    await withCaches();
    await deleteSite(db, 'b.example');
    expect(await keys()).toEqual(['clean-check old', 'countdown a.example|/p|Ends in #:#', 'experiments old|experiment:growthbook', 'gpc.json https://a.example']);
  });

  it('wiping the history wipes them all', async () => {
    await withCaches();
    await wipeHistory(db);
    expect(await keys()).toEqual([]);
  });
});

describe('deleting one site cannot hit another whose name looks like it', () => {
  // names that a prefix, suffix or pattern match would confuse with `a.com`
  const TARGET = 'a.com';
  const OTHERS = ['aa.com', 'a.com.evil.net', 'xa.com', 'b.a.com.co', 'xn--a-com-9ua.net', 'xn--80ak6aa92e.com', 'a.c(o)m|.*', '.*', 'a+com', '[a].com', 'a\\.com'];
  const ALL = [TARGET, ...OTHERS];

  async function everySite() {
    for (const [i, site] of ALL.entries()) {
      const visitId = `v${i}`;
      const at = NOW - i * 1000;
      const f = { id: `${visitId}|tracker:x`, key: 'tracker:x', visitId, site, kind: 'tracker' as const, source: 'network' as const, confidence: 'certain' as const, count: 1, firstAt: at, lastAt: at, evidence: [], details: {} };
      await db.sites.put({ site, firstSeen: at, lastSeen: at, visits: 1, lastUrl: `https://${site}/`, lastVisitId: visitId });
      await db.visits.put({ id: visitId, site, url: `https://${site}/`, tabId: i, startedAt: at, trackerCount: 1, findingCount: 1 });
      await db.findings.put(f);
      await db.reports.put({ visitId, site, findings: [f] });
      await db.tabs.put({ tabId: i, visitId });
      await db.prices.put({ id: `${site}|sku|${at}`, site, productKey: 'sku', product: 'Kettle', price: 1, currency: 'EUR', url: `https://${site}/`, at, visitId });
      await db.sightings.put({ id: `tracker.example|${site}`, thirdParty: 'tracker.example', site, at, evidence: '' });
      await db.cleanChecks.put({ visitId, site, at, result: { status: 'done', message: '', at } });
      await db.countdowns.put({ id: `${site}|/|Ends in #`, site, visitId, deadline: at, at });
      await db.wellKnown.put({ origin: `https://www.${site}`, site, gpc: true, checkedAt: at, url: `https://www.${site}/.well-known/gpc.json` });
      await db.experiments.put({ id: `${visitId}|experiment:x`, visitId, site, at, list: [{ id: 'e' }] });
    }
  }

  /** every row of every history table, as JSON, by table */
  async function dump(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const t of ['sites', 'visits', 'findings', 'reports', 'tabs', 'prices', 'sightings', 'cleanChecks', 'countdowns', 'wellKnown', 'experiments'] as const) {
      out[t] = (await db.table(t).toArray()).map((r) => JSON.stringify(r)).sort();
    }
    return out;
  }

  it('removes exactly the site’s rows from every table, and changes nothing else', async () => {
    await everySite();
    const before = await dump();
    await deleteSite(db, TARGET);
    const after = await dump();
    for (const [t, rows] of Object.entries(before)) {
      const mine = rows.filter((r) => JSON.stringify(JSON.parse(r)).includes(`"v0"`) || JSON.parse(r).site === TARGET);
      expect(mine.length, `${t} held a row of ${TARGET}`).toBeGreaterThan(0);
      expect(after[t], t).toEqual(rows.filter((r) => !mine.includes(r)));
    }
    expect((await db.sites.toCollection().primaryKeys()).sort()).toEqual([...OTHERS].sort());
  });

  it('a site named with pattern characters deletes only itself', async () => {
    await everySite();
    const before = await dump();
    await deleteSite(db, '.*');
    const after = await dump();
    expect(after.sites).toHaveLength(before.sites!.length - 1);
    expect((await db.sites.toCollection().primaryKeys()).sort()).toEqual(ALL.filter((s) => s !== '.*').sort());
    for (const t of Object.keys(before)) expect(after[t]!.length, t).toBe(before[t]!.length - 1);
  });

  it('expiring one site’s old visit leaves the look-alikes alone', async () => {
    await everySite();
    // only a.com's rows (written at NOW) are younger than the cut-off here: expire everything older
    // than a.com's visit and check a.com survived while all the rest went
    const before = await dump();
    await sweepExpired(db, 1, NOW + DAY - 500);
    const after = await dump();
    for (const t of Object.keys(before)) expect(after[t]!.length, t).toBe(1);
    expect(await db.sites.toCollection().primaryKeys()).toEqual([TARGET]);
  });
});
