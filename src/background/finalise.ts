// The one derive step, run by the writer when it commits a visit: visit-level detectors (derive) over
// everything stored for the visit, then each detector's assessment of the kinds it owns. What comes
// out is what a report is built from (src/report/build.ts reads it as stored, and judges nothing).
import type { Detector } from '../detectors/types';
import { type FindingDraft, MAX_EVIDENCE, type StoredFinding } from '../model/finding';
import type { VisitInfo } from '../model/observations';
import { mergeDraft } from './merge';

export type Finaliser = (visit: VisitInfo, raw: readonly StoredFinding[]) => StoredFinding[];

export function finaliseVisit(visit: VisitInfo, raw: readonly StoredFinding[], detectors: readonly Detector[]): StoredFinding[] {
  const out = [...raw];
  const at = new Map(out.map((f, i) => [f.key, i]));
  for (const d of detectors) {
    if (!d.derive) continue;
    let drafts: FindingDraft[] = [];
    try {
      drafts = d.derive(raw, visit);
    } catch (e) {
      console.error(`[candor] detector ${d.id} derive failed`, e);
    }
    for (const dr of drafts) {
      // A derived draft with the key of a stored finding finalises it: visit-level facts (e.g. "the
      // chat never said it is an AI", decided once every frame's snapshot is in) replace its details
      // and assessment; its count and first evidence stay.
      const i = at.get(dr.key);
      if (i !== undefined) out[i] = finaliseOne(out[i]!, dr);
      else {
        at.set(dr.key, out.length);
        out.push(mergeDraft(undefined, dr, visit, visit.startedAt));
      }
    }
  }
  const assessors = detectors.filter((d) => d.assess);
  return out.map((f) => {
    for (const d of assessors) {
      let a;
      try {
        a = d.assess!(f);
      } catch (e) {
        console.error(`[candor] detector ${d.id} assess failed`, e);
      }
      if (a) return a === f.assessment ? f : { ...f, assessment: a };
    }
    return f;
  });
}

function finaliseOne(s: StoredFinding, d: FindingDraft): StoredFinding {
  return {
    ...s,
    details: { ...s.details, ...d.details },
    assessment: d.assessment ?? s.assessment,
    title: d.title ?? s.title,
    evidence: d.evidence.length ? [...d.evidence, ...s.evidence].slice(0, MAX_EVIDENCE) : s.evidence,
  };
}

/** Only the assessment half of the derive step (fixtures that state their findings as final facts). */
export function assessorsOf(detectors: readonly Detector[]): Detector[] {
  return detectors.filter((d) => d.assess).map((d) => ({ id: d.id, assess: d.assess }));
}
