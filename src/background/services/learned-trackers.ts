// Trackers nobody lists (Privacy Badger's heuristic, learned locally): a third party that sets an
// identifier cookie on three or more different first-party sites can recognise you across them, so it
// is flagged a likely tracker even when no list knows it. Sightings live in the `sightings` table
// (one row per third party and first-party site; names and hosts only, never cookie values).
import { hostOf, redactUrl } from '../../detectors/privacy-util';
import { capText, type FindingDraft } from '../../model/finding';
import type { BackgroundService } from '../services';

/** Privacy Badger blocks a domain once it has seen it tracking on three first-party sites. */
export const LEARN_THRESHOLD = 3;

export const learnedTrackersService: BackgroundService = {
  id: 'learned-trackers',
  async onRequest(req, ctx): Promise<FindingDraft[]> {
    if (req.phase !== 'response' || !req.setCookies?.length) return [];
    const host = hostOf(req.url);
    if (!host || !ctx.isThirdParty(host)) return [];
    // a listed tracker is already reported by the trackers detector; this is for the unlisted ones
    if (ctx.trackers.lookup(host)) return [];
    const ids = req.setCookies.filter((c) => c.looksLikeId && (c.maxAgeDays === null || c.maxAgeDays > 0));
    if (ids.length === 0) return [];
    const thirdParty = ctx.siteOf(host);
    const site = ctx.visit.site;
    const names = ids.map((c) => capText(c.name, 60)).slice(0, 5).join(', ');
    await ctx.db.sightings.put({ id: `${thirdParty}|${site}`, thirdParty, site, at: ctx.now, evidence: `Set-Cookie ${names} from ${host}` });
    const rows = await ctx.db.sightings.where('thirdParty').equals(thirdParty).toArray();
    const sites = [...new Set(rows.map((r) => r.site))].sort();
    if (sites.length < LEARN_THRESHOLD) return [];
    return [
      {
        kind: 'tracker',
        key: `tracker:learned:${thirdParty}`,
        vendor: thirdParty,
        category: 'other',
        source: 'network',
        confidence: 'likely',
        evidence: [
          {
            url: redactUrl(req.url).slice(0, 500),
            detail: `sets an identifying cookie (${names}) here and on ${sites.length - 1} other site${sites.length === 2 ? '' : 's'} you visited: ${sites.filter((s) => s !== site).slice(0, 8).join(', ')}`,
            at: new Date(req.at).toISOString(),
          },
        ],
        details: { domain: thirdParty, learned: true, sites: sites.slice(0, 20), siteCount: sites.length },
      },
    ];
  },
};
