// Merging drafts into stored findings: one finding per (visit, key), repeats counted, first evidence kept.
import { type Confidence, type FindingDraft, MAX_EVIDENCE, type Source, type StoredFinding } from '../model/finding';
import type { VisitInfo } from '../model/observations';

const CONF_RANK: Record<Confidence, number> = { possible: 0, likely: 1, certain: 2 };
/** network observations cannot be forged by the page, so they outrank DOM and page evidence */
const SOURCE_RANK: Record<Source, number> = { page: 0, dom: 1, network: 2 };

export function findingId(visitId: string, key: string): string {
  return `${visitId}|${key}`;
}

export function mergeDraft(existing: StoredFinding | undefined, d: FindingDraft, visit: VisitInfo, now: number): StoredFinding {
  if (!existing) {
    return {
      ...d,
      id: findingId(visit.visitId, d.key),
      visitId: visit.visitId,
      site: visit.site,
      count: 1,
      firstAt: now,
      lastAt: now,
      evidence: d.evidence.slice(0, MAX_EVIDENCE),
      details: { ...d.details },
    };
  }
  const details = { ...existing.details };
  for (const [k, v] of Object.entries(d.details)) if (v !== undefined && v !== null) details[k] = v;
  const evidence = existing.evidence.length >= MAX_EVIDENCE ? existing.evidence : [...existing.evidence, ...d.evidence].slice(0, MAX_EVIDENCE);
  return {
    ...existing,
    vendor: existing.vendor ?? d.vendor,
    company: existing.company ?? d.company,
    category: existing.category ?? d.category,
    title: existing.title ?? d.title,
    assessment: existing.assessment ?? d.assessment,
    source: SOURCE_RANK[d.source] > SOURCE_RANK[existing.source] ? d.source : existing.source,
    confidence: CONF_RANK[d.confidence] > CONF_RANK[existing.confidence] ? d.confidence : existing.confidence,
    count: existing.count + 1,
    lastAt: Math.max(existing.lastAt, now),
    evidence,
    details,
  };
}
