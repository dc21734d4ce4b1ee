// Session replay by behaviour, so a recorder nobody lists is found too: a script — a vendor's, or the
// site's own self-hosted recorder — that observes the whole document's mutations, listens to the person's input/pointer/scrolling, and uploads
// payloads that grow (src/observe/hooks/replay.ts aggregates this in the page). Known vendors are
// found by src/detectors/vendors.ts from the catalog; a draft with the same key enriches that finding
// with what was seen.
import { capText, capUrl, type FindingDraft } from '../model/finding';
import { listenWords } from '../model/listen-words';
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
/**
 * The site's own code is held to more: a first-party app bundle often observes the document and
 * listens to the pointer for its own widgets, and it posts forms. A recorder ships batches as you go,
 * so first-party code must have sent at least two uploads of together at least 1 KB (rrweb's first
 * batch for a small page is its full snapshot, 3–10 KB as JSON, ~1 KB gzip-compressed).
 */
export const MIN_UPLOADS_FIRST_PARTY = 2;
export const MIN_BYTES_FIRST_PARTY = 1024;
/** the DOM event types the hook records (src/observe/hooks/replay.ts), by what they reveal */
const BEHAVIOUR_OF: Record<string, string> = {
  input: 'input', change: 'input', focus: 'input', blur: 'input',
  keydown: 'keyboard', keyup: 'keyboard', keypress: 'keyboard', keyboard: 'keyboard',
  mousemove: 'pointer-movement', pointermove: 'pointer-movement', touchmove: 'pointer-movement', 'pointer-movement': 'pointer-movement',
  mousedown: 'clicks', mouseup: 'clicks', click: 'clicks', pointerdown: 'clicks', touchstart: 'clicks', clicks: 'clicks',
  scroll: 'scroll',
};

export { listenWords };

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
    if (!host) return [];
    const firstParty = !ctx.isThirdParty(host);
    const raw = (Array.isArray(ev.data.listens) ? ev.data.listens : []).slice(0, 30).map(String);
    const listens = [...new Set(raw.map((l) => BEHAVIOUR_OF[l]).filter((l): l is string => !!l))].sort();
    const uploads = uploadsOf(ev.data.uploads);
    const count = uploads.reduce((n, u) => n + u.count, 0);
    const bytes = uploads.reduce((n, u) => n + u.bytes, 0);
    const follows = listens.includes('pointer-movement') && (listens.includes('input') || listens.includes('scroll') || listens.includes('keyboard'));
    if (!follows || count < (firstParty ? MIN_UPLOADS_FIRST_PARTY : MIN_UPLOADS) || bytes < (firstParty ? MIN_BYTES_FIRST_PARTY : MIN_BYTES)) return [];
    const who = whoIs(host, ctx);
    const site = ctx.siteOf(host);
    const catalog = who.catalogId ? ctx.catalog.find((e) => e.id === who.catalogId) : undefined;
    const own = uploads.filter((u) => /^[a-z0-9.-]+$/.test(u.host) && !ctx.isThirdParty(u.host));
    const elsewhere = uploads.filter((u) => !own.includes(u));
    const dest = [...(own.length ? [`this site’s own server (${own.map((u) => u.host).join(', ')})`] : []), ...elsewhere.map((u) => u.host)].join(' and ');
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
          evidence(script, `${firstParty ? 'the site’s own script ' : ''}watches every change to the page, follows your ${listenWords(listens)}, and sent ${count} upload${count === 1 ? '' : 's'} (${(bytes / 1024).toFixed(1)} KB) to ${dest}`, ev.at),
        ],
        details: {
          script,
          scriptSite: site,
          detectedBy: 'behaviour',
          firstParty,
          sentTo: own.length && !elsewhere.length ? 'own-server' : own.length ? 'both' : 'third-party',
          mutationObserver: true,
          listens,
          uploads: uploads.map((u) => ({ host: u.host, count: u.count, bytes: u.bytes })),
          ...(catalog ? { catalogId: catalog.id } : {}),
        },
      },
    ];
  },
};
