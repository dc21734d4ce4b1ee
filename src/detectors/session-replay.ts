// Session replay by behaviour, so a recorder nobody lists is found too: a third-party script that
// observes the whole document's mutations, listens to the person's input/pointer/scrolling, and uploads
// payloads that grow (src/observe/hooks/replay.ts aggregates this in the page). Known vendors are
// found by src/detectors/vendors.ts from the catalog; a draft with the same key enriches that finding
// with what was seen.
import { capText, capUrl, type FindingDraft } from '../model/finding';
import { evidence, hostOf, whoIs } from './privacy-util';
import type { Detector } from './types';

/**
 * What sets a recorder apart from event analytics that also watch the DOM and count clicks
 * (autocapture, heatmaps): it follows the pointer as it moves, and your input or scrolling, and sends
 * the page's content — at least half a kilobyte even gzip-compressed (Mixpanel's recorder sends
 * ~0.9 KB for a small page's first batch; rrweb uncompressed sends several KB).
 */
export const MIN_UPLOADS = 1;
export const MIN_BYTES = 512;
const BEHAVIOURS = new Set(['input', 'keyboard', 'pointer-movement', 'clicks', 'scroll']);

const LISTEN_WORDS: Record<string, string> = {
  input: 'typing in fields',
  keyboard: 'keystrokes',
  'pointer-movement': 'mouse movements',
  clicks: 'clicks',
  scroll: 'scrolling',
};
export function listenWords(listens: readonly unknown[]): string {
  return listens.map((l) => LISTEN_WORDS[String(l)] ?? String(l)).join(', ');
}

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
    const follows = listens.includes('pointer-movement') && (listens.includes('input') || listens.includes('scroll') || listens.includes('keyboard'));
    if (!follows || count < MIN_UPLOADS || bytes < MIN_BYTES) return [];
    const who = whoIs(host, ctx);
    const site = ctx.siteOf(host);
    const catalog = who.catalogId ? ctx.catalog.find((e) => e.id === who.catalogId) : undefined;
    const dest = uploads.map((u) => u.host).join(', ');
    return [
      {
        kind: 'session-replay',
        key: `session-replay:${catalog?.id ?? site}`,
        // an unlisted recorder is named by its site, so the data-use map can say who gets the recording
        vendor: catalog?.vendor ?? who.vendor ?? site,
        company: catalog?.company ?? who.company,
        category: 'session-replay',
        source: 'page',
        confidence: 'likely',
        evidence: [
          evidence(script, `watches every change to the page, follows your ${listenWords(listens)}, and sent ${count} upload${count === 1 ? '' : 's'} (${(bytes / 1024).toFixed(1)} KB) to ${dest}`, ev.at),
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
