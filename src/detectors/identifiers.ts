// Identifiers: third-party cookies set with id-like values (from the response's Set-Cookie, network
// source), and well-known tracking cookies/storage keys the page holds (_ga, _fbp, _gcl_au …) with
// what they are for (seeds/cookies/tracking-cookies.json). Cookie values are never stored: only the
// name, where it is kept, how long it lives and whether it looks like an id.
import type { StoredKey } from '../model/dom';
import { capText, type FindingDraft } from '../model/finding';
import { knownCookie } from './cookie-catalog';
import { evidence, hostOf, redactUrl, whoIs } from './privacy-util';
import type { Detector } from './types';

function days(d: number | null): number | null {
  return d == null || !Number.isFinite(d) ? null : Math.max(0, Math.round(d));
}

export const identifiersDetector: Detector = {
  id: 'identifiers',
  onRequest(req, ctx): FindingDraft[] {
    if (req.phase !== 'response' || !req.setCookies?.length) return [];
    const host = hostOf(req.url);
    if (!host || !ctx.isThirdParty(host)) return [];
    const who = whoIs(host, ctx);
    const site = ctx.siteOf(host);
    const out: FindingDraft[] = [];
    for (const c of req.setCookies.slice(0, 20)) {
      const known = knownCookie(c.name);
      // a cookie that cannot tell people apart (consent flags, "1", "true") is not an identifier
      if (!c.looksLikeId && !known) continue;
      const life = days(c.maxAgeDays);
      if (life === 0 && c.maxAgeDays !== null) continue; // deleted or expired on arrival
      const name = capText(c.name, 100);
      out.push({
        kind: 'identifier',
        key: `identifier:cookie:${site}:${name}`,
        vendor: known?.vendor ?? who.vendor,
        company: known?.company ?? who.company,
        source: 'network',
        confidence: 'certain',
        evidence: [evidence(redactUrl(req.url), `Set-Cookie ${name} from ${host}${life == null ? ' (until the browser closes)' : `, kept ${life} days`}`, req.at)],
        details: {
          name,
          storage: 'cookie',
          thirdParty: true,
          domain: site,
          setBy: host,
          lifetimeDays: life,
          ...(known ? { purpose: known.purpose, source: known.source } : {}),
        },
      });
    }
    return out;
  },
  onDom(snap): FindingDraft[] {
    const keys = snap.sections.identifiers;
    if (!Array.isArray(keys)) return [];
    const out: FindingDraft[] = [];
    for (const k of keys.slice(0, 60) as StoredKey[]) {
      if (!k || typeof k.name !== 'string') continue;
      const known = knownCookie(k.name);
      if (!known) continue;
      const storage = k.storage === 'localStorage' || k.storage === 'sessionStorage' ? k.storage : 'cookie';
      const name = capText(k.name, 100);
      out.push({
        kind: 'identifier',
        key: `identifier:${storage}:${name}`,
        vendor: known.vendor,
        company: known.company,
        source: 'dom',
        confidence: k.idLike ? 'certain' : 'likely',
        evidence: [evidence(snap.url, `${storage === 'cookie' ? 'cookie' : storage} “${name}” on this site`, snap.at)],
        details: { name, storage, thirdParty: false, purpose: known.purpose, source: known.source, idLike: !!k.idLike },
      });
    }
    return out;
  },
};
