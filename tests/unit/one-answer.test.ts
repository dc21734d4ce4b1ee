// One history, written the way the worker writes it (the real engine and detectors), read by every
// view: the popup's report, the dashboard's "who sees you", the JSON, CSV and HTML exports and the
// audit's summary line all give the same counts. A tracker the browser blocked is credited
// everywhere, never counted as seeing you in one place and as blocked in another.
import { beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/background/engine';
import { DETECTORS } from '../../src/detectors';
import type { RequestObservation } from '../../src/model/observations';
import { companiesPerSite, companyReach } from '../../src/report/history';
import { exportCsv } from '../../src/report/export-csv';
import { exportHtml } from '../../src/report/export-html';
import { exportJson } from '../../src/report/export-json';
import { reportForVisit, reportsForHistory } from '../../src/report/from-db';
import { visitSummary } from '../../src/report/facts';
import { CandorDb } from '../../src/storage/db';
import { companiesSeen } from '../../src/ui/dashboard/useHistory';
import { CATALOG, trackerDb } from './helpers';
import { parseCsv } from './parse-csv';

const tool = { version: '0.1.0', browser: 'test' };
let db: CandorDb;
let n = 0;
beforeEach(async () => {
  db = new CandorDb(`one-answer-${n++}`);
  await db.open();
});

const req = (tabId: number, url: string, topUrl: string, phase: RequestObservation['phase'] = 'request'): RequestObservation => ({ phase, url, type: 'script', method: 'GET', tabId, frameId: 0, topUrl, at: 1 });

describe('one answer everywhere', () => {
  it('popup, dashboard, exports and the audit count the same companies, findings and concerns', async () => {
    const e = new Engine({ db, detectors: DETECTORS, trackers: trackerDb(), catalog: CATALOG });
    const top = 'https://www.shop.example/';
    await e.startVisit(1, top);
    await e.onRequest(req(1, 'https://www.google-analytics.com/g/collect?v=2', top));
    await e.onRequest(req(1, 'https://connect.facebook.net/en_US/fbevents.js', top));
    // every request of this one was stopped by the browser: credited, not "seeing you"
    await e.onRequest(req(1, 'https://bat.bing.com/bat.js', top));
    await e.onRequest(req(1, 'https://bat.bing.com/bat.js', top, 'blocked'));
    const top2 = 'https://news.example/';
    await e.startVisit(2, top2);
    await e.onRequest(req(2, 'https://www.google-analytics.com/g/collect?v=2', top2));
    await e.writer.whenIdle();

    const visits = await db.visits.orderBy('startedAt').toArray();
    const shop = visits.find((v) => v.site === 'shop.example')!;
    // the popup: the report of the visit, from its stored report row
    const popup = await reportForVisit(db, shop, tool);
    const blocked = popup.findings.find((f) => f.kind === 'tracker' && f.assessment === 'good');
    expect(blocked, 'the blocked tracker is credited in the popup').toBeTruthy();
    const popupCompanies = new Set(popup.dataUse.map((d) => d.company));
    expect(popupCompanies.has(blocked!.company!)).toBe(false);

    // the dashboard: who sees you where, from the visits' summaries
    const seen = await companiesSeen(db);
    expect(companiesPerSite(seen).get('shop.example')).toBe(popupCompanies.size);
    expect(companyReach(seen, 2).map((c) => c.company)).not.toContain(blocked!.company);
    expect(shop.summary).toEqual(visitSummary(popup.findings));

    // the exports, of the whole history
    const reports = await reportsForHistory(db, tool);
    const shopReport = reports.find((r) => r.site === 'shop.example')!;
    expect(shopReport.findings).toEqual(popup.findings);
    const json = JSON.parse(exportJson(reports)) as { site: string; findings: unknown[] }[] | { reports: { site: string; findings: unknown[] }[] };
    const jsonReports = Array.isArray(json) ? json : json.reports;
    expect(jsonReports.find((r) => r.site === 'shop.example')!.findings).toHaveLength(popup.findings.length);
    const rows = parseCsv(exportCsv(reports));
    const head = rows[0]!;
    const siteCol = head.indexOf('site');
    const assessCol = head.indexOf('assessment');
    const csvShop = rows.slice(1).filter((r) => r[siteCol] === 'shop.example');
    expect(csvShop).toHaveLength(popup.findings.length);
    expect(csvShop.filter((r) => r[assessCol] === 'concern')).toHaveLength(shop.summary!.concerns);
    const html = exportHtml(popup);
    expect((html.match(/class="finding /g) ?? []).length).toBe(popup.findings.length);
    expect((html.match(/class="finding good"/g) ?? []).length).toBe(shop.summary!.good);
    // the audit reads the same stored facts through the worker's reportForTab: same builder, same row
    expect(popup.findings.filter((f) => f.assessment === 'concern')).toHaveLength(shop.summary!.concerns);
  });
});
