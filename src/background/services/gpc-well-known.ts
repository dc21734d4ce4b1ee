// Whether the site publishes /.well-known/gpc.json (the GPC spec's site-wide declaration that it
// honours the signal). This is the one request Candor makes by itself: at most once per site per day,
// cached in `meta`, credentials omitted, and the `gpcWellKnownCheck` setting turns it off.
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

export const defaultFetchJson: FetchJson = async (url) => {
  const r = await fetch(url, { credentials: 'omit', cache: 'no-store', redirect: 'follow' });
  let json: unknown = null;
  if (r.ok) json = await r.json().catch(() => null);
  return { status: r.status, json };
};

/** Parses gpc.json per the GPC spec (§ 3.1): an object whose `gpc` member is true. */
export function readGpcJson(json: unknown): { gpc: boolean; lastUpdate?: string } {
  if (!json || typeof json !== 'object') return { gpc: false };
  const o = json as Record<string, unknown>;
  return { gpc: o.gpc === true, ...(typeof o.lastUpdate === 'string' ? { lastUpdate: o.lastUpdate.slice(0, 30) } : {}) };
}

export function createGpcWellKnownService(fetchJson: FetchJson = defaultFetchJson): BackgroundService {
  const inFlight = new Map<string, Promise<WellKnownResult | null>>();

  async function check(origin: string, ctx: Parameters<NonNullable<BackgroundService['onDom']>>[1]): Promise<WellKnownResult | null> {
    const key = `gpc-well-known:${origin}`;
    const cached = (await ctx.db.meta.get(key))?.value as WellKnownResult | undefined;
    if (cached && ctx.now - cached.checkedAt < DAY_MS) return cached;
    const url = `${origin}/.well-known/gpc.json`;
    let res: WellKnownResult;
    try {
      const r = await fetchJson(url);
      res = { ...readGpcJson(r.status === 200 ? r.json : null), checkedAt: ctx.now, url };
    } catch {
      res = { gpc: false, checkedAt: ctx.now, url };
    }
    await ctx.db.meta.put({ key, value: res });
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
      let p = inFlight.get(origin);
      if (!p) {
        p = check(origin, ctx).finally(() => inFlight.delete(origin));
        inFlight.set(origin, p);
      }
      const r = await p;
      const sending = settings.gpcAll || settings.gpcSites.includes(ctx.visit.site);
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
    },
  };
}
