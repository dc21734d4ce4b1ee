// A crafted import file: finding details are outside input. Whatever a file puts in the fields the
// report's wording reads, the import either refuses it (a clear error, nothing stored) or the site view
// and every export still build from what it would store. Exhaustive over kinds × fields × values, on
// the pure half of the import (the same validation and capping as importReports, without Dexie).
import { beforeEach, describe, expect, it } from 'vitest';
import { FINDING_KINDS } from '../../src/model/finding';
import { buildSiteReport } from '../../src/report/build';
import { exportCsv } from '../../src/report/export-csv';
import { exportHtmlMany } from '../../src/report/export-html';
import { exportJson } from '../../src/report/export-json';
import { reportsForHistory } from '../../src/report/from-db';
import { CandorDb } from '../../src/storage/db';
import { ImportError, importFile, importReports, MAX_IMPORT_CHARS, rowsFromFile } from '../../src/storage/import';
import { buildReport } from './build-report';
import { visitFor } from './helpers';

const tool = { version: '0.1.0', browser: 'chromium 156' };
let db: CandorDb;
let n = 0;
beforeEach(async () => {
  db = new CandorDb(`import-details-${n++}`);
  await db.open();
});

/** A real export with one finding, whose kind and details the test then replaces. */
let base: string | undefined;
function fileWith(kind: string, details: unknown, url = 'https://shop.example/p'): string {
  const visit = visitFor('https://shop.example/p', 'v1');
  base ??= exportJson([buildReport({ visit, findings: [], tool, now: new Date(visit.startedAt) })]);
  const json = JSON.parse(base) as Record<string, unknown>[];
  json[0]!.url = url;
  json[0]!.findings = [{ kind, principle: 'privacy', title: '', source: 'network', confidence: 'likely', count: 1, evidence: [], details }];
  return JSON.stringify(json);
}

/** Every details field the report's wording, scoring and panels read by name (grep `details.` in src/report, src/ui). */
const FIELDS = [
  'trackers', 'experiments', 'sites', 'listens', 'events', 'identifierNames', 'otherChannels', 'phase', 'type', 'text', 'domain', 'destination',
  'hashed', 'identifiers', 'learned', 'siteCount', 'lifetimeDays', 'name', 'purpose', 'setBy', 'thirdParty', 'technique', 'scriptHost', 'scriptSite',
  'servedFrom', 'host', 'canonicalName', 'field', 'encoding', 'detectedBy', 'channel', 'aiDisclosed', 'aiFirst', 'humanHandoff', 'offersAi',
  'after', 'before', 'beforeAt', 'firstSeen', 'clean', 'currency', 'price', 'product', 'recognisedBy', 'resets', 'previousDeadline', 'same', 'signal',
  'vendor', 'where', 'you', 'pattern', 'antiFlicker', 'href', 'honored', 'trackersHonored', 'sent', 'shown', 'choice', 'rejectOnFirstLayer', 'judgedAi',
];
/** JSON a file can hold: wrong types, null items, and objects that throw when printed (`String({ toString: 1 })`). */
const VALUES: unknown[] = [null, [null], [1], [{}], {}, 'x', 1e308, true, [{ vendor: {} }], [{ id: null, variant: {} }], ['a', null], { toString: 1 }, [{ toString: 1 }], [{ vendor: { toString: 1 } }]];

function refusedOrShown(file: string): 'refused' | 'shown' {
  let rows;
  try {
    rows = rowsFromFile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).reason).toBe('invalid');
    return 'refused';
  }
  const reports = rows.map(({ visit, findings }) => buildSiteReport({ visit: { visitId: visit.id, tabId: -1, url: visit.url, site: visit.site, startedAt: visit.startedAt }, findings, tool, now: new Date(visit.startedAt) }));
  exportJson(reports);
  exportCsv(reports);
  exportHtmlMany(reports);
  return 'shown';
}

describe('import: finding details of every kind', () => {
  it('a crafted value in any field the wording reads is refused or shown; it never breaks the site view or an export', () => {
    const broken: string[] = [];
    for (const kind of FINDING_KINDS)
      for (const field of FIELDS)
        for (const v of VALUES) {
          try {
            refusedOrShown(fileWith(kind, { [field]: v }));
          } catch (e) {
            broken.push(`${kind}.${field} = ${JSON.stringify(v)}: ${(e as Error).message}`);
          }
        }
    expect(broken).toEqual([]);
  }, 60_000);

  it('`trackers: [null]` on a tracked-before-consent finding is refused, naming the finding and field, and nothing is stored', async () => {
    const err = await importReports(db, fileWith('tracking-before-consent', { trackers: [null] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).reason).toBe('invalid');
    expect((err as Error).message).toMatch(/finding 1, tracking-before-consent, details\.trackers\.0/);
    expect(await db.visits.count()).toBe(0);
    expect(await db.findings.count()).toBe(0);
  });

  it('the details real detectors write are accepted and the site view reads them', async () => {
    expect(refusedOrShown(fileWith('tracking-before-consent', { trackers: [{ vendor: 'Google Analytics', domain: 'google-analytics.com' }], phase: 'before-answer' }))).toBe('shown');
    expect(refusedOrShown(fileWith('experiment', { experiments: [{ id: 'checkout-test', variant: 'b' }] }))).toBe('shown');
    await importReports(db, fileWith('tracking-before-consent', { trackers: [{ vendor: 'Google Analytics' }] }));
    const [r] = await reportsForHistory(db, tool);
    expect(r!.findings[0]!.title).toMatch(/Google Analytics/);
  });
});

describe('import: the file as picked', () => {
  it('a file larger than the limit is refused from its size, without being read', async () => {
    let read = false;
    const huge = { size: MAX_IMPORT_CHARS + 1, text: async () => ((read = true), '[]') };
    const err = await importFile(db, huge).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).reason).toBe('too-large');
    expect((err as Error).message).toMatch(/too large to import \(20 MB; the limit is 20 MB\)/);
    expect(read).toBe(false);
    expect(await db.visits.count()).toBe(0);
  });

  it('a file within the limit is read and imported', async () => {
    const text = fileWith('tracker', { domain: 'doubleclick.net' });
    expect(await importFile(db, new Blob([text]))).toEqual({ imported: 1 });
  });
});

describe('import twice changes nothing', () => {
  it('every table is the same after the second import of the same file', async () => {
    // two visits of one site, one with a tracker
    const one = JSON.parse(fileWith('tracker', { domain: 'doubleclick.net' }, 'https://shop.example/a')) as unknown[];
    const two = JSON.parse(fileWith('rights-link', { type: 'privacy-policy', href: 'https://shop.example/privacy' }, 'https://shop.example/b')) as unknown[];
    const file = JSON.stringify([...one, ...two]);
    const dump = async () => Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
    await importReports(db, file);
    const once = await dump();
    expect((once.sites as { visits: number }[]).map((s) => s.visits)).toEqual([2]);
    await importReports(db, file);
    expect(await dump()).toEqual(once);
  });
});

describe('page payloads are capped the same way', () => {
  it('an event whose data would throw when printed reaches the detectors as plain data', async () => {
    const { sanitizePageEvents } = await import('../../src/background/sanitize');
    const [ev] = sanitizePageEvents([{ type: 'x', at: 1, data: { where: { toString: 1, valueOf: 1, kept: 'yes' } } }], new Set(['x']));
    expect(ev!.data).toEqual({ where: { kept: 'yes' } });
    expect(() => String(ev!.data.where)).not.toThrow();
  });
});
