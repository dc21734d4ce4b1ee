// Session replay by behaviour, so a recorder nobody lists is found too: a third-party script that
// observes the whole document's mutations, listens to the person's input/pointer/scrolling, and uploads
// payloads that grow (src/observe/hooks/replay.ts aggregates this in the page). Known vendors are
// found by src/detectors/vendors.ts from the catalog; a draft with the same key enriches that finding
// with what was seen.
import { capText, capUrl, type FindingDraft } from '../model/finding';
import { evidence, hostOf, whoIs } from './privacy-util';
import type { Detector } from './types';

/** A recording sends the page's DOM first (kilobytes), then every change: at least two uploads and
 *  2 KB in total. Analytics beacons that also happen to listen for clicks send a few hundred bytes. */
export const MIN_UPLOADS = 2;
export const MIN_BYTES = 2048;
const BEHAVIOURS = new Set(['input', 'keyboard', 'mouse', 'scroll', 'touch']);

interface Upload {
  host: string;
  count: number;
  bytes: number;
  max: number;
}

function uploadsOf(v: unknown): Upload[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((u): u is Record<string, unknown> => !!u && typeof u === 'object')
    .map((u) => ({ host: capText(u.host, 200), count: Number(u.count) || 0, bytes: Number(u.bytes) || 0, max: Number(u.max) || 0 }))
    .slice(0, 5);
}

export const sessionReplayDetector: Detector = {
  id: 'session-replay',
  pageEventTypes: ['replay'],
  onPageEvent(ev, ctx): FindingDraft[] {
    if (ev.data.observesDocument !== true) return [];
    const script = ev.script ? capUrl(ev.script) : undefined;
    const host = hostOf(script);
    if (!host || !ctx.isThirdParty(host)) return [];
    const listens = (Array.isArray(ev.data.listens) ? ev.data.listens : []).map(String).filter((l) => BEHAVIOURS.has(l));
    const uploads = uploadsOf(ev.data.uploads);
    const count = uploads.reduce((n, u) => n + u.count, 0);
    const bytes = uploads.reduce((n, u) => n + u.bytes, 0);
    if (listens.length === 0 || count < MIN_UPLOADS || bytes < MIN_BYTES) return [];
    const who = whoIs(host, ctx);
    const site = ctx.siteOf(host);
    const catalog = who.catalogId ? ctx.catalog.find((e) => e.id === who.catalogId) : undefined;
    const dest = uploads.map((u) => u.host).join(', ');
    return [
      {
        kind: 'session-replay',
        key: `session-replay:${catalog?.id ?? site}`,
        vendor: catalog?.vendor ?? who.vendor,
        company: catalog?.company ?? who.company,
        category: 'session-replay',
        source: 'page',
        confidence: 'likely',
        evidence: [
          evidence(script, `watches every change to the page, listens to your ${listens.join(', ')}, and sent ${count} uploads (${Math.round(bytes / 1024)} KB) to ${dest}`, ev.at),
        ],
        details: {
          script,
          scriptSite: site,
          detectedBy: 'behaviour',
          mutationObserver: true,
          listens,
          uploads: uploads.map((u) => ({ host: u.host, count: u.count, bytes: u.bytes })),
          ...(catalog ? { catalogId: catalog.id } : {}),
        },
      },
    ];
  },
};
