// Import of exported SiteReports (REPORT.md JSON, schema version 1). All or nothing: the file is
// parsed and validated completely before anything is written, and the write is one transaction, so a
// malformed file never leaves half an import and never touches what is already stored. Each report
// becomes a visit with its findings. Imported text is page-derived (and may be hand-edited): it is
// capped like anything observed.
// NOTE: minimal version for the dashboard's import UI (issue 7); issue 10 owns the property-tested one.
import { type Confidence, type FindingKind, MAX_EVIDENCE, type Source, type StoredFinding, capText, capUrl } from '../model/finding';
import { siteReportSchemaV1 } from '../model/schema';
import type { CandorDb, SiteRow, VisitRow } from './db';

export class ImportError extends Error {
  override name = 'ImportError';
}

function hash(s: string): string {
  // FNV-1a, 32 bit: a stable id so importing the same file twice does not duplicate visits.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

export async function importReports(db: CandorDb, text: string): Promise<{ imported: number }> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ImportError('This file is not valid JSON. Choose a file exported by Candor (JSON).');
  }
  const list = Array.isArray(data) ? data : [data];
  if (list.length === 0) throw new ImportError('This file holds no reports.');
  const reports = list.map((x, i) => {
    const v = (x as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof v === 'number' && v > 1) throw new ImportError(`Report ${i + 1} was written by a newer Candor (schema version ${v}). Update Candor to import it.`);
    const r = siteReportSchemaV1.safeParse(x);
    if (!r.success) {
      const issue = r.error.issues[0];
      const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
      throw new ImportError(`Report ${i + 1} is not a Candor site report${where}: ${issue?.message ?? 'invalid'}. Nothing was imported.`);
    }
    return r.data;
  });

  const now = Date.now();
  const visits: VisitRow[] = [];
  const findings: StoredFinding[] = [];
  reports.forEach((r, i) => {
    const site = capText(r.site, 253).toLowerCase();
    const at = Date.parse(r.generatedAt);
    const startedAt = Number.isFinite(at) ? at : now;
    const id = `import-${hash(`${site}|${r.url}|${r.generatedAt}|${r.findings.length}`)}-${i.toString(36)}`;
    visits.push({ id, site, url: capUrl(r.url), tabId: -1, startedAt, trackerCount: r.findings.filter((f) => f.kind === 'tracker').length, findingCount: r.findings.length });
    r.findings.forEach((f, j) => {
      const key = `import:${j}:${f.kind}:${f.vendor ?? f.company ?? ''}`;
      findings.push({
        id: `${id}|${key}`,
        visitId: id,
        site,
        key,
        kind: f.kind as FindingKind,
        title: capText(f.title),
        ...(f.vendor ? { vendor: capText(f.vendor, 120) } : {}),
        ...(f.company ? { company: capText(f.company, 120) } : {}),
        ...(f.category ? { category: capText(f.category, 60) } : {}),
        source: f.source as Source,
        confidence: f.confidence as Confidence,
        assessment: f.assessment ?? 'concern',
        count: Math.max(1, f.count),
        evidence: f.evidence.slice(0, MAX_EVIDENCE).map((e) => ({ ...(e.url ? { url: capUrl(e.url) } : {}), ...(e.detail ? { detail: capText(e.detail) } : {}), at: capText(e.at, 40) })),
        details: f.details,
        firstAt: startedAt,
        lastAt: startedAt,
      });
    });
  });

  let imported = 0;
  await db.transaction('rw', db.visits, db.findings, db.sites, async () => {
    const existing = await db.visits.bulkGet(visits.map((v) => v.id));
    const fresh = new Set(visits.filter((_, i) => !existing[i]).map((v) => v.id));
    for (const v of visits) {
      if (!fresh.has(v.id)) continue;
      imported++;
      await db.visits.add(v);
      const s: SiteRow | undefined = await db.sites.get(v.site);
      const newer = !s || v.startedAt >= s.lastSeen;
      await db.sites.put({
        site: v.site,
        firstSeen: Math.min(s?.firstSeen ?? v.startedAt, v.startedAt),
        lastSeen: Math.max(s?.lastSeen ?? v.startedAt, v.startedAt),
        visits: (s?.visits ?? 0) + 1,
        lastUrl: newer ? v.url : s!.lastUrl,
        lastVisitId: newer ? v.id : s!.lastVisitId,
      });
    }
    await db.findings.bulkPut(findings.filter((f) => fresh.has(f.visitId)));
  });
  return { imported };
}
