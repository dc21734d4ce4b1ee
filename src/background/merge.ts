// Merging drafts into stored findings: one finding per (visit, key), repeats counted, first evidence kept.
import { capText, capUrl, type Confidence, type Evidence, type FindingDraft, MAX_EVIDENCE, type Source, type StoredFinding } from '../model/finding';
import type { VisitInfo } from '../model/observations';

const CONF_RANK: Record<Confidence, number> = { possible: 0, likely: 1, certain: 2 };
/** network observations cannot be forged by the page, so they outrank DOM and page evidence */
const SOURCE_RANK: Record<Source, number> = { page: 0, dom: 1, network: 2 };

/** Keys are built from page-derived names; long ones are cut the same way everywhere. */
export function capKey(key: string): string {
  return String(key).slice(0, 600);
}

export function findingId(visitId: string, key: string): string {
  return `${visitId}|${key}`;
}

/** Whatever a detector passed on, what is stored is bounded: evidence strings capped, details sized. */
function capEvidence(list: readonly Evidence[]): Evidence[] {
  return (Array.isArray(list) ? list : []).slice(0, MAX_EVIDENCE).map((e) => ({
    ...(e?.url !== undefined ? { url: capUrl(e.url) } : {}),
    ...(e?.detail !== undefined ? { detail: capText(e.detail) } : {}),
    at: capText(e?.at, 40),
  }));
}

function capDetails(details: Record<string, unknown>, max: number): Record<string, unknown> {
  let size: number;
  try {
    size = JSON.stringify(details)?.length ?? 0;
  } catch {
    return { truncated: true };
  }
  if (size <= max) return details;
  // keep the small facts, drop the big values, and say so
  const out: Record<string, unknown> = { truncated: true };
  let used = 20;
  for (const [k, v] of Object.entries(details)) {
    const n = k.length + (JSON.stringify(v)?.length ?? 0) + 4;
    if (used + n > max) continue;
    out[k] = v;
    used += n;
  }
  return out;
}

export function mergeDraft(existing: StoredFinding | undefined, d: FindingDraft, visit: VisitInfo, now: number, maxDetails = 4000): StoredFinding {
  if (!existing) {
    const { countInto, ...rest } = d;
    return {
      ...rest,
      ...(d.title !== undefined ? { title: capText(d.title) } : {}),
      ...(d.vendor !== undefined ? { vendor: capText(d.vendor, 200) } : {}),
      ...(d.company !== undefined ? { company: capText(d.company, 200) } : {}),
      key: capKey(d.key),
      id: findingId(visit.visitId, capKey(d.key)),
      visitId: visit.visitId,
      site: visit.site,
      count: 1,
      firstAt: now,
      lastAt: now,
      evidence: capEvidence(d.evidence),
      details: capDetails({ ...d.details, ...(countInto ? { [countInto]: 1 } : {}) }, maxDetails),
    };
  }
  const details = { ...existing.details };
  for (const [k, v] of Object.entries(d.details ?? {})) if (v !== undefined && v !== null) details[k] = v;
  if (d.countInto) details[d.countInto] = (Number(existing.details[d.countInto]) || 0) + 1;
  const evidence = existing.evidence.length >= MAX_EVIDENCE ? existing.evidence : capEvidence([...existing.evidence, ...(d.evidence ?? [])]);
  return {
    ...existing,
    vendor: existing.vendor ?? d.vendor,
    company: existing.company ?? d.company,
    category: existing.category ?? d.category,
    title: existing.title ?? d.title,
    assessment: existing.assessment ?? d.assessment,
    source: SOURCE_RANK[d.source] > SOURCE_RANK[existing.source] ? d.source : existing.source,
    confidence: CONF_RANK[d.confidence] > CONF_RANK[existing.confidence] ? d.confidence : existing.confidence,
    count: d.countInto ? existing.count : existing.count + 1,
    // (a countInto draft is not a sighting: a blocked request did not reach anyone)
    lastAt: d.countInto ? existing.lastAt : Math.max(existing.lastAt, now),
    evidence,
    details: capDetails(details, maxDetails),
  };
}
