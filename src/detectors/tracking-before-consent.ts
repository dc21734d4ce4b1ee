// Tracking before consent, derived over a whole visit (runs when the worker writes the visit):
// 1. trackers that fired while a consent banner was showing and before any choice;
// 2. after a rejection, trackers that still fire, or Google hits that still say "granted".
import type { FindingDraft, StoredFinding } from '../model/finding';
import { allBlocked } from './blocked';
import { BANNER_KEY, CONSENT_MODE_KEY } from './consent';
import type { Detector } from './types';

/** request timestamps and the writer's merge time differ by a batch; don't blame a request sent just before the click */
export const GRACE_MS = 1500;
/** categories that are not tracking the person (the CMP's own scripts) */
const EXCUSED = new Set(['consent']);

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function summary(ts: readonly StoredFinding[]) {
  return ts.slice(0, 30).map((t) => ({ vendor: t.vendor ?? String(t.details.domain ?? ''), company: t.company, category: t.category }));
}

function draft(phase: 'before-choice' | 'after-reject', ts: StoredFinding[], extra: Record<string, unknown>, cmp: unknown): FindingDraft {
  return {
    kind: 'tracking-before-consent',
    key: `tracking-before-consent:${phase}`,
    source: 'network',
    // the requests are certain; their order relative to the banner rests on page timing
    confidence: 'likely',
    evidence: ts.slice(0, 5).map((t) => ({ ...t.evidence[0]!, detail: `${t.vendor ?? 'tracker'} ${phase === 'before-choice' ? 'loaded before you answered the banner' : 'still loaded after you said no'}` })),
    details: { phase, trackers: summary(ts), ...(typeof cmp === 'string' ? { cmp } : {}), ...extra },
  };
}

export function deriveTrackingBeforeConsent(findings: readonly StoredFinding[]): FindingDraft[] {
  const banner = findings.find((f) => f.key === BANNER_KEY);
  const mode = findings.find((f) => f.key === CONSENT_MODE_KEY);
  // a tracker whose every request the browser blocked was never told anything
  const trackers = findings.filter((f) => f.kind === 'tracker' && !EXCUSED.has(f.category ?? '') && f.evidence.length > 0 && !allBlocked(f));
  const out: FindingDraft[] = [];
  const bd = banner?.details ?? {};
  const md = mode?.details ?? {};
  // the choice: from the banner (CMP, TCF) or, failing that, a Consent Mode update
  let choice = bd.choice as string | undefined;
  let choiceAt = num(bd.choiceAt);
  if (choiceAt === undefined && num(md.updateAt) !== undefined) {
    choice = md.updateChoice as string | undefined;
    choiceAt = num(md.updateAt);
  }
  if (bd.shown === true) {
    const before = trackers.filter((t) => choiceAt === undefined || t.firstAt < choiceAt);
    if (before.length) out.push(draft('before-choice', before, { choice: choice ?? null }, bd.cmp));
  }
  if (choice === 'rejected' && choiceAt !== undefined) {
    const after = choiceAt + GRACE_MS;
    const googleDeniedOnly = (num(md.deniedHitAt) ?? 0) > after && !((num(md.grantedHitAt) ?? 0) > after);
    // Consent Mode's cookieless pings after a refusal say "denied": that is the site honouring the no
    const still = trackers.filter((t) => t.lastAt > after && !(googleDeniedOnly && t.company === 'Google'));
    const googleGranted = (num(md.grantedHitAt) ?? 0) > after;
    if (still.length || googleGranted) {
      const d = draft('after-reject', still, { googleGranted }, bd.cmp);
      if (googleGranted && mode) d.evidence = [...d.evidence, ...mode.evidence.filter((e) => /=granted/.test(e.detail ?? '')).slice(-2)].slice(0, 5);
      out.push(d);
    }
  }
  return out;
}

export const trackingBeforeConsentDetector: Detector = {
  id: 'tracking-before-consent',
  derive: (findings) => deriveTrackingBeforeConsent(findings),
};
