// Whether the site publishes /.well-known/gpc.json (the GPC spec's site-wide declaration that it
// honours the signal). This is the one request Candor makes by itself, so it is bounded on every side:
//  - at most once per site (registrable domain, not per origin: a site's hundred subdomains are one
//    check) per day, cached in the `wellKnown` table; one request in flight per site;
//  - credentials omitted, no cache, and no redirect followed at all (`redirect: 'error'`): the file
//    is read from the origin of the page the person opened, so a site cannot bounce the request to
//    another site or to a private, loopback or link-local address (a router, a cloud metadata endpoint);
//  - a timeout (FETCH_TIMEOUT_MS) and a body cap enforced while reading (MAX_BODY_BYTES; the spec's
//    file is a few dozen bytes): a slow or endless answer costs nothing more;
//  - it never delays other findings: its result is stored when it arrives (ServiceContext.later);
//  - the `gpcWellKnownCheck` setting turns it off.
import type { FindingDraft } from '../../model/finding';
import { getSettings } from '../../storage/settings';
import type { BackgroundService } from '../services';

export const DAY_MS = 86_400_000;

export interface WellKnownResult {
  /** the file exists and says `"gpc": true` */
  gpc: boolean;
  /** the file's lastUpdate, when it gives one */
  lastUpdate?: string;
  checkedAt: number;
  url: string;
}

export type FetchJson = (url: string) => Promise<{ status: number; json: unknown }>;

export const FETCH_TIMEOUT_MS = 5_000;
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Fetches and parses the file within the limits above. A redirect, a timeout, an oversized body or a
 * body that is not JSON all read as "no declaration" (json: null), never as an error that waits.
 */
export async function fetchGpcJson(url: string, fetchImpl: typeof fetch = fetch, limits = { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_BODY_BYTES }): Promise<{ status: number; json: unknown }> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), limits.timeoutMs);
  try {
    const r = await fetchImpl(url, { credentials: 'omit', cache: 'no-store', redirect: 'error', signal: ctl.signal });
    if (r.status !== 200 || !r.body) {
      ctl.abort();
      return { status: r.status, json: null };
    }
    const declared = Number(r.headers.get('content-length'));
    if (declared > limits.maxBytes) {
      ctl.abort();
      return { status: r.status, json: null };
    }
    const reader = r.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) {
        ctl.abort();
        return { status: r.status, json: null };
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) bytes.set(c, (at += c.byteLength) - c.byteLength);
    let json: unknown = null;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      json = null;
    }
    return { status: r.status, json };
  } catch {
    return { status: 0, json: null };
  } finally {
    clearTimeout(timer);
  }
}

export const defaultFetchJson: FetchJson = (url) => fetchGpcJson(url);

/** Parses gpc.json per the GPC spec (§ 3.1): an object whose `gpc` member is true. */
export function readGpcJson(json: unknown): { gpc: boolean; lastUpdate?: string } {
  if (!json || typeof json !== 'object') return { gpc: false };
  const o = json as Record<string, unknown>;
  return { gpc: o.gpc === true, ...(typeof o.lastUpdate === 'string' ? { lastUpdate: o.lastUpdate.slice(0, 30) } : {}) };
}

export function createGpcWellKnownService(fetchJson: FetchJson = defaultFetchJson): BackgroundService {
  const inFlight = new Map<string, Promise<WellKnownResult | null>>();

  async function check(origin: string, ctx: Parameters<NonNullable<BackgroundService['onDom']>>[1]): Promise<WellKnownResult | null> {
    // once per site a day, whichever of its origins asked
    const rows = await ctx.db.wellKnown.where('site').equals(ctx.visit.site).toArray();
    const cached = rows.sort((a, b) => b.checkedAt - a.checkedAt)[0];
    if (cached && ctx.now - cached.checkedAt < DAY_MS) return cached;
    const url = `${origin}/.well-known/gpc.json`;
    let res: WellKnownResult;
    try {
      const r = await fetchJson(url);
      res = { ...readGpcJson(r.status === 200 ? r.json : null), checkedAt: ctx.now, url };
    } catch {
      res = { gpc: false, checkedAt: ctx.now, url };
    }
    await ctx.db.wellKnown.put({ origin, site: ctx.visit.site, ...res });
    return res;
  }

  return {
    id: 'gpc-well-known',
    async onDom(snap, ctx): Promise<FindingDraft[]> {
      if (!snap.isTop) return [];
      const settings = await getSettings(ctx.db);
      if (!settings.gpcWellKnownCheck) return [];
      let origin: string;
      try {
        const u = new URL(ctx.visit.url);
        if (!/^https?:$/.test(u.protocol)) return [];
        origin = u.origin;
      } catch {
        return [];
      }
      const site = ctx.visit.site;
      let p = inFlight.get(site);
      if (!p) {
        p = check(origin, ctx).finally(() => inFlight.delete(site));
        inFlight.set(site, p);
      }
      const sending = settings.gpcAll || settings.gpcSites.includes(ctx.visit.site);
      const toDrafts = (r: WellKnownResult | null): FindingDraft[] => {
        // Absence of the file is only worth saying to someone who sends GPC
        if (!r || (!r.gpc && !sending)) return [];
        return [
        {
          kind: 'gpc',
          key: 'gpc',
          source: 'network',
          confidence: 'certain',
          assessment: r.gpc ? 'good' : 'info',
          evidence: [{ url: r.url, detail: r.gpc ? 'the site declares it honours Global Privacy Control' : 'no GPC declaration at this address', at: new Date(r.checkedAt).toISOString() }],
          details: { wellKnown: r.gpc, ...(r.lastUpdate ? { wellKnownUpdated: r.lastUpdate } : {}), ...(sending ? { sent: true } : {}) },
        },
      ];
      };
      // the other findings of this snapshot are stored now; this one when the answer is in
      if (ctx.later) {
        ctx.later(p.then(toDrafts));
        return [];
      }
      return toDrafts(await p);
    },
  };
}
