// Importing exported reports (docs/report.md JSON: one SiteReport or an array of them). A file is hostile
// input like a page: it is size-limited, validated against the public schema, and stored in ONE
// transaction, so a bad file gives a clear error and changes nothing.
import type { z } from 'zod';
import { capText, capUrl, MAX_EVIDENCE, type StoredFinding } from '../model/finding';
import { SCHEMA_VERSION } from '../model/report';
import { detailsProblem } from '../model/details-schema';
import { siteReportSchemaV1 } from '../model/schema';
import { capJson } from '../model/cap-json';
import { visitSummary } from '../report/facts';
import type { CandorDb, VisitRow } from './db';

/** 20 MB of JSON: about 2,000 full reports. An export of a year of browsing is far below this. */
export const MAX_IMPORT_CHARS = 20 * 1024 * 1024;
export const MAX_IMPORT_REPORTS = 5000;

/** What the user is told. `message` is a sentence for a person; `reason` is for code and tests. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly reason: 'too-large' | 'not-json' | 'not-reports' | 'wrong-version' | 'future-version' | 'invalid' | 'storage',
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

type ReportV1 = z.infer<typeof siteReportSchemaV1>;

export async function importReports(db: CandorDb, text: string): Promise<{ imported: number }> {
  const rows = rowsFromFile(text);
  try {
    await db.transaction('rw', db.visits, db.findings, db.reports, db.sites, async () => {
      for (const { visit, findings } of rows) {
        // Re-importing the same report replaces it instead of adding a copy (finding rows an older
        // version imported for it included), and is not one more visit.
        const known = !!(await db.visits.get(visit.id));
        await db.findings.where('visitId').equals(visit.id).delete();
        // An exported report holds finalised facts (assessments decided), so they are the visit's
        // report row as they are, as observed and as finalised: the popup and the dashboard read an
        // imported visit the way they read a recorded one, and its summary is the same helper's.
        await db.visits.put({ ...visit, summary: visitSummary(findings) });
        await db.reports.put({ visitId: visit.id, site: visit.site, findings, raw: findings });
        const s = await db.sites.get(visit.site);
        const newest = !s || visit.startedAt >= s.lastSeen;
        await db.sites.put({
          site: visit.site,
          firstSeen: Math.min(s?.firstSeen ?? visit.startedAt, visit.startedAt),
          lastSeen: Math.max(s?.lastSeen ?? visit.startedAt, visit.startedAt),
          visits: (s?.visits ?? 0) + (known ? 0 : 1),
          lastUrl: newest ? visit.url : s!.lastUrl,
          lastVisitId: newest ? visit.id : s!.lastVisitId,
        });
      }
    });
  } catch (e) {
    const err = e as Error;
    const full = err?.name === 'QuotaExceededError' || err?.name === 'AbortError' && /quota/i.test(String(err?.message));
    throw new ImportError(
      full ? 'The browser’s storage is full, so nothing was imported. Free some space and try again.' : `Nothing was imported: storing the reports failed (${capText(err?.message, 200)}).`,
      'storage',
    );
  }
  return { imported: rows.length };
}

/** Validates the whole file before anything is stored. Exported for the dashboard's preview. */
export function parseReports(text: string): ReportV1[] {
  if (typeof text !== 'string') throw new ImportError('This is not a Candor report file.', 'not-json');
  if (text.length > MAX_IMPORT_CHARS) throw tooLarge(text.length);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ImportError('This file is not valid JSON: it may be truncated or not a Candor export.', 'not-json');
  }
  const list = Array.isArray(data) ? data : [data];
  if (list.length === 0) throw new ImportError('This file holds no reports.', 'not-reports');
  if (list.length > MAX_IMPORT_REPORTS) throw new ImportError(`This file holds ${list.length} reports; at most ${MAX_IMPORT_REPORTS} can be imported at once.`, 'too-large');
  return list.map((r, i) => {
    const where = list.length > 1 ? `Report ${i + 1}: ` : '';
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new ImportError(`${where}this is not a Candor site report.`, 'not-reports');
    const v = (r as { schemaVersion?: unknown }).schemaVersion;
    if (typeof v === 'number' && Number.isInteger(v) && v > SCHEMA_VERSION) {
      throw new ImportError(`${where}made by a newer version of Candor (report format ${v}; this version reads format ${SCHEMA_VERSION}). Update Candor and import it again.`, 'future-version');
    }
    if (v !== 1) {
      throw new ImportError(`${where}unknown report format version (${capText(JSON.stringify(v) ?? 'missing', 40)}); Candor reads format ${SCHEMA_VERSION}.`, 'wrong-version');
    }
    const parsed = siteReportSchemaV1.safeParse(r);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.join('.') || 'report';
      const who = list.length > 1 ? `Report ${i + 1}` : 'This file';
      throw new ImportError(`${who} is not a Candor site report (at ${capText(path, 80)}): ${capText(issue?.message, 120)}. Nothing was imported.`, 'invalid');
    }
    parsed.data.findings.forEach((f, j) => {
      const problem = detailsProblem(f.kind, f.details);
      if (problem) {
        const who = list.length > 1 ? `Report ${i + 1}` : 'This file';
        throw new ImportError(`${who} is not a Candor site report (finding ${j + 1}, ${f.kind}, ${capText(problem, 160)}). Nothing was imported.`, 'invalid');
      }
    });
    return parsed.data;
  });
}

/**
 * Imports a file the person picked. Its size is checked before it is read: a file far larger than any
 * export is refused without holding it in memory.
 */
export async function importFile(db: CandorDb, file: Pick<Blob, 'size' | 'text'>): Promise<{ imported: number }> {
  if (!(file.size <= MAX_IMPORT_CHARS)) throw tooLarge(file.size);
  return importReports(db, await file.text());
}

function tooLarge(size: number): ImportError {
  return new ImportError(`This file is too large to import (${Math.round(size / 1048576)} MB; the limit is ${MAX_IMPORT_CHARS / 1048576} MB). Split it into smaller exports.`, 'too-large');
}

/** The rows an import would store, validated and capped; nothing is stored. */
export function rowsFromFile(text: string): { visit: VisitRow; findings: StoredFinding[] }[] {
  return parseReports(text).map(toRows);
}

function hash(s: string): string {
  // FNV-1a, twice with different seeds: a stable id for "the same report", not a security measure.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
}

function toRows(r: ReportV1): { visit: VisitRow; findings: StoredFinding[] } {
  const at = Date.parse(r.generatedAt);
  const startedAt = Number.isFinite(at) ? at : 0;
  const site = capText(r.site, 253).toLowerCase();
  const id = `import-${hash(`${site}|${r.url}|${r.generatedAt}`)}`;
  const keys = new Map<string, number>();
  const findings: StoredFinding[] = r.findings.map((f, i) => {
    const base = `${f.kind}:${capText(f.vendor ?? f.title, 200)}`;
    const n = keys.get(base) ?? 0;
    keys.set(base, n + 1);
    const key = n ? `${base}#${n}` : base;
    return {
      id: `${id}|${key}`,
      key,
      visitId: id,
      site,
      kind: f.kind as StoredFinding['kind'],
      title: capText(f.title),
      ...(f.vendor ? { vendor: capText(f.vendor, 200) } : {}),
      ...(f.company ? { company: capText(f.company, 200) } : {}),
      ...(f.category ? { category: capText(f.category, 100) } : {}),
      source: f.source,
      confidence: f.confidence,
      ...(f.assessment ? { assessment: f.assessment } : {}),
      count: Math.max(1, f.count),
      // the report's order is kept: the builder orders findings of a kind by when they were first seen
      firstAt: startedAt + i,
      lastAt: startedAt + i,
      evidence: f.evidence.slice(0, MAX_EVIDENCE).map((e) => ({
        ...(e.url !== undefined ? { url: capUrl(e.url) } : {}),
        ...(e.detail !== undefined ? { detail: capText(e.detail) } : {}),
        at: capText(e.at, 40),
      })),
      details: (capJson(f.details) as Record<string, unknown>) ?? {},
    };
  });
  const trackerCount = findings.filter((f) => f.kind === 'tracker').length;
  return {
    visit: { id, site, url: capUrl(r.url), tabId: -1, startedAt, trackerCount, findingCount: findings.length },
    findings,
  };
}
