// A site summary over several pages of one site (`--pages N`): the findings of every page visited,
// the same finding on two pages counted once with both counts and evidence, scored by the same rules
// as a single page (src/report/score.ts). docs/report.md: `url` is then the last page visited.
import { MAX_EVIDENCE, PRINCIPLES, type Finding, type StoredFinding } from '../model/finding';
import type { SiteReport } from '../model/report';
import { dataUseMap } from '../report/build';
import { gradeOf, scorePrinciples } from '../report/score';

/** What makes two findings on two pages "the same": kind, who, and what it says. */
export function findingIdentity(f: Finding): string {
  return JSON.stringify([f.kind, f.vendor ?? '', f.company ?? '', f.category ?? '', f.title]);
}

export function mergePageReports(reports: readonly SiteReport[]): SiteReport {
  if (reports.length === 0) throw new Error('no report to merge');
  if (reports.length === 1) return reports[0]!;
  const byId = new Map<string, Finding>();
  for (const r of reports) {
    for (const f of r.findings) {
      const id = findingIdentity(f);
      const had = byId.get(id);
      if (!had) {
        byId.set(id, { ...f, evidence: [...f.evidence], details: { ...f.details } });
        continue;
      }
      had.count += f.count;
      for (const ev of f.evidence) {
        if (had.evidence.length >= MAX_EVIDENCE) break;
        if (!had.evidence.some((x) => x.url === ev.url && x.detail === ev.detail)) had.evidence.push(ev);
      }
    }
  }
  const findings = [...byId.values()].sort((a, b) => PRINCIPLES.indexOf(a.principle) - PRINCIPLES.indexOf(b.principle));
  // scorePrinciples reads a finding's facts (kind, category, details, assessment) as stored: a
  // reported finding carries all of them, so it stands in for its stored form here.
  const stored = findings.map((f, i) => ({ ...f, key: `${f.kind}:${i}`, id: String(i), visitId: 'site', site: reports[0]!.site, firstAt: 0, lastAt: 0 }) as StoredFinding);
  const principles = scorePrinciples(stored, findings);
  const last = reports[reports.length - 1]!;
  return { ...last, site: reports[0]!.site, grade: gradeOf(principles, findings), principles, findings, dataUse: dataUseMap(findings) };
}
