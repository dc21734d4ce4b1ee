// Trackers nobody lists (Privacy Badger's heuristic, learned locally): a third party that leaves an
// identifier on three or more different first-party sites can recognise you across them, so it is
// flagged a likely tracker even when no list knows it. What counts as leaving an identifier:
// - a Set-Cookie header with an id-like value on its own response;
// - its script writing an id-like value with document.cookie, localStorage or sessionStorage (the
//   MAIN-world `store` event, src/observe/hooks/storage.ts);
// - an id-shaped value in the query of a beacon, ping, pixel or XHR it is sent (see ID_IN_URL).
// Sightings live in the `sightings` table (one row per third party and first-party site; names and
// hosts only, never values).
import { hostOf, redactUrl } from '../../detectors/privacy-util';
import { capText, type FindingDraft } from '../../model/finding';
import type { RequestObservation } from '../../model/observations';
import type { BackgroundService, ServiceContext } from '../services';
import { CAPS } from '../caps';
import { sightingsRoom } from '../table-caps';

/** Privacy Badger blocks a domain once it has seen it tracking on three first-party sites. */
export const LEARN_THRESHOLD = 3;

/**
 * An id-like stored value, as the Set-Cookie observer judges one (src/observe/network.ts): at least 8
 * characters of the id alphabet, with a digit. "true", "1", "en-GB", consent flags are not ids.
 */
const ID_LIKE = /^[A-Za-z0-9._\-:|=%+/]{8,}$/;
export function idLikeValue(v: string): boolean {
  return ID_LIKE.test(v) && /\d/.test(v);
}

/**
 * An identifier in a URL is held to more than a stored one, because URLs carry cache-busters, build
 * hashes and timestamps: a query value of at least 16 characters mixing letters and digits (a UUID,
 * a 16+ hex or base64 id), not all digits (timestamps, random cache-busters) — sent with a request a
 * tracker makes (beacon, ping, image, XHR/fetch), not a script, stylesheet or font load.
 */
export const ID_IN_URL = /^(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,64}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACKING_TYPES = new Set(['ping', 'beacon', 'image', 'xmlhttprequest']);

function idParamsOf(url: string): string[] {
  try {
    const names: string[] = [];
    for (const [k, v] of new URL(url).searchParams) if (ID_IN_URL.test(v) && names.length < 5) names.push(capText(k, 40));
    return names;
  } catch {
    return [];
  }
}

async function sighting(host: string, what: string, url: string, at: number, ctx: ServiceContext, source: 'network' | 'page' = 'network'): Promise<FindingDraft[]> {
  if (!host || !ctx.isThirdParty(host)) return [];
  // a listed tracker is already reported by the trackers detector; this is for the unlisted ones
  if (ctx.trackers.lookup(host)) return [];
  const thirdParty = ctx.siteOf(host);
  const site = ctx.visit.site;
  const id = `${thirdParty}|${site}`;
  const { db } = ctx;
  // script hosts in page events are the page's word: one site keeps sightings of at most
  // sightingsPerSite third parties
  const stored = await db.transaction('rw', db.sightings, async () => {
    if (!(await sightingsRoom(db, id, site, ctx.caps ?? { ...CAPS }))) return false;
    await db.sightings.put({ id, thirdParty, site, at: ctx.now, evidence: what });
    return true;
  });
  if (!stored) {
    ctx.refused?.(1);
    return [];
  }
  const rows = await ctx.db.sightings.where('thirdParty').equals(thirdParty).toArray();
  const sites = [...new Set(rows.map((r) => r.site))].sort();
  if (sites.length < LEARN_THRESHOLD) return [];
  return [
    {
      kind: 'tracker',
      key: `tracker:learned:${thirdParty}`,
      vendor: thirdParty,
      category: 'other',
      source,
      confidence: 'likely',
      evidence: [
        {
          url: redactUrl(url).slice(0, 500),
          detail: `${what} here and on ${sites.length - 1} other site${sites.length === 2 ? '' : 's'} you visited: ${sites.filter((s) => s !== site).slice(0, 8).join(', ')}`,
          at: new Date(at).toISOString(),
        },
      ],
      details: { domain: thirdParty, learned: true, sites: sites.slice(0, 20), siteCount: sites.length },
    },
  ];
}

/** the hook's store codes (src/observe/hooks/storage.ts) */
const STORES: Record<string, string> = { cookie: 'a cookie', local: 'local storage', session: 'session storage' };

export const learnedTrackersService: BackgroundService = {
  id: 'learned-trackers',
  pageEventTypes: ['store'],
  async onRequest(req: RequestObservation, ctx): Promise<FindingDraft[]> {
    const host = hostOf(req.url);
    if (req.phase === 'request' && TRACKING_TYPES.has(req.type)) {
      const params = idParamsOf(req.url);
      return params.length ? sighting(host, `sends an identifier in its address (${params.join(', ')}) to ${host}`, req.url, req.at, ctx) : [];
    }
    if (req.phase !== 'response' || !req.setCookies?.length) return [];
    const ids = req.setCookies.filter((c) => c.looksLikeId && (c.maxAgeDays === null || c.maxAgeDays > 0));
    if (ids.length === 0) return [];
    const names = ids.map((c) => capText(c.name, 60)).slice(0, 5).join(', ');
    return sighting(host, `sets an identifying cookie (${names})`, req.url, req.at, ctx);
  },
  async onPageEvent(ev, ctx): Promise<FindingDraft[]> {
    // the page can forge this event; it can only make a host look like a tracker on its own site
    const store = STORES[String(ev.data.s)];
    let value = typeof ev.data.v === 'string' ? ev.data.v : '';
    let name = capText(ev.data.n, 60);
    if (ev.data.s === 'cookie') {
      // document.cookie = "name=value; max-age=…": the hook sends the string as written
      const pair = value.split(';', 1)[0]!;
      const eq = pair.indexOf('=');
      if (eq <= 0 || /max-age=0\b|expires=thu, 01 jan 1970/i.test(value)) return [];
      name = capText(pair.slice(0, eq).trim(), 60);
      value = pair.slice(eq + 1).trim();
    }
    if (!store || !ev.script || !idLikeValue(value)) return [];
    // the value is judged here and dropped: the sighting keeps the name and where it was written
    return sighting(hostOf(ev.script), `its script writes an identifier to ${store} (${name})`, ev.script, ev.at, ctx, 'page');
  },
};
