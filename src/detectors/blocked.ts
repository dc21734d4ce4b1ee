// Tracker requests the browser stopped (ERR_BLOCKED_BY_CLIENT): the person's block rule from the
// consent panel, or another content blocker. The tracker finding of trackers.ts already counts the
// attempt; this adds how many of those attempts were blocked, so the report can say the company was
// NOT told about the visit instead of listing it as if it had been.
import { capUrl, type FindingDraft } from '../model/finding';
import { hostOf } from '../model/host';
import { redactUrl } from './privacy-util';
import type { Detector } from './types';

export const BLOCKED_COUNT = 'blockedRequests';

export const blockedDetector: Detector = {
  id: 'blocked',
  onRequest(req, ctx): FindingDraft[] {
    if (req.type === 'main_frame' || req.phase !== 'blocked') return [];
    const host = hostOf(req.url);
    if (!host || !ctx.isThirdParty(host)) return [];
    const m = ctx.trackers.lookup(host);
    if (!m || m.category === null) return [];
    return [
      {
        kind: 'tracker',
        key: `tracker:${m.name}`,
        vendor: m.name,
        company: m.company,
        category: m.category,
        source: 'network',
        confidence: 'certain',
        evidence: [{ url: capUrl(redactUrl(req.url)), detail: `${req.type} request to ${host} blocked in the browser`, at: new Date(req.at).toISOString() }],
        details: { domain: ctx.siteOf(host), ...(m.catalogId ? { catalogId: m.catalogId } : {}) },
        countInto: BLOCKED_COUNT,
      },
    ];
  },
};

/** Every request of this tracker finding was stopped before it left the browser. */
export function allBlocked(f: { count: number; details: Record<string, unknown> }): boolean {
  return (Number(f.details[BLOCKED_COUNT]) || 0) >= f.count;
}
