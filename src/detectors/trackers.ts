// Third-party trackers from the network: every request's host looked up in the tracker index.
import { capUrl, type FindingDraft } from '../model/finding';
import { hostOf } from '../model/host';
import type { RequestObservation } from '../model/observations';
import { redactUrl } from './privacy-util';
import type { Detector, DetectorContext } from './types';

/**
 * The tracker finding a request to a listed third-party tracker makes, or null. `what` ends the
 * evidence line ("script request to host …"). Shared with blocked.ts, which counts the attempts the
 * browser stopped into the same finding.
 */
export function trackerDraft(req: RequestObservation, ctx: DetectorContext, what = ''): FindingDraft | null {
  if (req.type === 'main_frame') return null;
  const host = hostOf(req.url);
  if (!host) return null;
  // The tracker lookup (a few hash probes) goes first: most requests are not to trackers, and for
  // them the site (a public-suffix walk) is never needed. For a tracker, its site is worked out
  // once and serves both as the first/third party decision (ctx.isThirdParty is exactly
  // `siteOf(host) !== visit.site`) and as the finding's domain.
  const m = ctx.trackers.lookup(host);
  if (!m || m.category === null) return null;
  const domain = ctx.siteOf(host);
  if (domain === ctx.visit.site) return null; // first party: a site's own tracker host is not a third party
  return {
    kind: 'tracker',
    key: `tracker:${m.name}`,
    vendor: m.name,
    company: m.company,
    category: m.category,
    source: 'network',
    confidence: 'certain',
    // query values (page addresses, ids, anything typed) are not kept as evidence: names are enough
    evidence: [{ url: capUrl(redactUrl(req.url)), detail: `${req.type} request to ${host}${what}`, at: new Date(req.at).toISOString() }],
    details: { domain, ...(m.catalogId ? { catalogId: m.catalogId } : {}) },
  };
}

export const trackersDetector: Detector = {
  id: 'trackers',
  onRequest(req, ctx): FindingDraft[] {
    if (req.phase !== 'request') return [];
    const d = trackerDraft(req, ctx);
    return d ? [d] : [];
  },
};
