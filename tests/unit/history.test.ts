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

describe('the caches kept beside the history (meta) go with it', () => {
  async function withMeta() {
    await db.visits.bulkPut([
      { id: 'old', site: 'a.example', url: 'https://a.example/', tabId: 1, startedAt: NOW - 100 * DAY, trackerCount: 0, findingCount: 0 },
      { id: 'new', site: 'b.example', url: 'https://b.example/', tabId: 1, startedAt: NOW - DAY, trackerCount: 0, findingCount: 0 },
    ]);
    await db.meta.bulkPut([
      { key: 'experiments|old|experiment:growthbook', value: [{ id: 'x' }] },
      { key: 'clean-check|old', value: { status: 'done', at: NOW - 100 * DAY } },
      { key: 'clean-check|new', value: { status: 'done', at: NOW - DAY } },
      { key: 'countdown|a.example|/p|Ends in #:#', value: { deadline: 1, visitId: 'old', at: NOW - 100 * DAY } },
      { key: 'countdown|b.example|/p|Ends in #:#', value: { deadline: 1, visitId: 'new', at: NOW - DAY } },
      { key: 'gpc-well-known:https://www.b.example', value: { gpc: true, checkedAt: NOW - DAY } },
      { key: 'gpc-well-known:https://a.example', value: { gpc: false, checkedAt: NOW - 100 * DAY } },
    ]);
  }
  const keys = async () => (await db.meta.toCollection().primaryKeys()).sort();

  it('retention deletes those of expired visits and those written before the cut-off', async () => {
    await withMeta();
    await sweepExpired(db, 90, NOW);
    expect(await keys()).toEqual(['clean-check|new', 'countdown|b.example|/p|Ends in #:#', 'gpc-well-known:https://www.b.example']);
  });

  it('deleting a site deletes its visits’ and its own rows, and no other site’s', async () => {
    await withMeta();
    await deleteSite(db, 'b.example');
    expect(await keys()).toEqual(['clean-check|old', 'countdown|a.example|/p|Ends in #:#', 'experiments|old|experiment:growthbook', 'gpc-well-known:https://a.example']);
  });

  it('wiping the history wipes them all', async () => {
    await withMeta();
    await wipeHistory(db);
    expect(await keys()).toEqual([]);
  });
});
