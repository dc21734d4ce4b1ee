// Trackers served from the site's own domain through a DNS alias (CNAME cloaking): a first-party host
// such as metrics.shop.example whose canonical name belongs to a listed tracker. The canonical name is
// data the background passes in (RequestObservation.canonicalHost, where the browser can tell).
import { capUrl, type FindingDraft } from '../model/finding';
import { hostOf } from '../model/host';
import { redactUrl } from './privacy-util';
import type { Detector } from './types';

export const cloakedTrackersDetector: Detector = {
  id: 'cloaked-trackers',
  onRequest(req, ctx): FindingDraft[] {
    if (req.phase !== 'request' || req.type === 'main_frame' || !req.canonicalHost) return [];
    const host = hostOf(req.url);
    if (!host || ctx.isThirdParty(host)) return [];
    const m = ctx.trackers.lookup(req.canonicalHost);
    if (!m || m.category === null) return [];
    const domain = ctx.siteOf(req.canonicalHost);
    if (domain === ctx.visit.site) return []; // an alias within the site itself is no disguise
    return [
      {
        kind: 'tracker',
        key: `tracker:${m.name}:first-party`,
        vendor: m.name,
        company: m.company,
        category: m.category,
        source: 'network',
        confidence: 'certain',
        evidence: [{ url: capUrl(redactUrl(req.url)), detail: `${req.type} request to ${host}, an alias (CNAME) of ${req.canonicalHost}`, at: new Date(req.at).toISOString() }],
        details: { domain, servedFrom: 'first-party', host, canonicalName: req.canonicalHost, ...(m.catalogId ? { catalogId: m.catalogId } : {}) },
      },
    ];
  },
};
