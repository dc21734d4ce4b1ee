// Personal data sent to ad and analytics platforms, read from the requests themselves (network source,
// cannot be forged by the page): Facebook pixel advanced matching (ud[em], ud[ph] …), Google enhanced
// conversions (em=tv.1~em.<sha256>), TikTok / Pinterest / Snapchat pixels with hashed e-mail or phone,
// and plain e-mail addresses in third-party requests. The values themselves are never kept.
import { capText, type FindingDraft } from '../model/finding';
import type { RequestObservation } from '../model/observations';
import { evidence, hostOf, redactUrl, whoIs } from './privacy-util';
import type { Detector, DetectorContext } from './types';

/** parameter names (lower-case, last path segment) that carry an e-mail or a phone number */
const EMAIL_KEYS = new Set(['ud[em]', 'em', 'email', 'e-mail', 'email_address', 'sha256_email_address', 'hashed_email', 'hem', 'u_hem', 'user_email', 'pd[em]']);
const PHONE_KEYS = new Set(['ud[ph]', 'ph', 'phone', 'phone_number', 'sha256_phone_number', 'u_hpn', 'hashed_phone', 'pd[ph]']);
/** other advanced-matching fields (Facebook ud[…]): names, birth date, city, external id */
const OTHER_MATCH = /^ud\[(fn|ln|ge|db|ct|st|zp|country|external_id)\]$/;
const EVENT_KEYS = new Set(['ev', 'en', 'event', 'event_name', 'eventname']);
const STANDARD_EVENTS = /^(PageView|ViewContent|Search|AddToCart|AddToWishlist|InitiateCheckout|AddPaymentInfo|Purchase|Lead|CompleteRegistration|Contact|Subscribe|StartTrial|PlaceAnOrder|CompletePayment|SubmitForm|page_view|purchase|add_to_cart|begin_checkout|generate_lead|sign_up|conversion|checkout|signup|lead|pagevisit|addtocart)$/i;

const EMAIL = /^[^\s@"'<>]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const EMAIL_IN = /[a-z0-9._%+-]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/i;
const HASH = /^([0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;
const GOOGLE_EC = /^tv\.1~(em|pn)\.[A-Za-z0-9_-]{20,}/;

/** every key/value pair of the URL query and of a form, JSON or text body */
export function pairsOf(req: RequestObservation): [string, string][] {
  const out: [string, string][] = [];
  try {
    new URL(req.url).searchParams.forEach((v, k) => out.push([k, v]));
  } catch {
    // not a URL: nothing in its query
  }
  const body = req.body?.trim();
  if (!body) return out;
  if (body.startsWith('{') || body.startsWith('[')) {
    try {
      flatten(JSON.parse(body), '', out, 0);
      return out;
    } catch {
      // not JSON after all
    }
  }
  if (/^[^\s=&]+=[^\s]*(&|$)/.test(body)) {
    new URLSearchParams(body).forEach((v, k) => {
      out.push([k, v]);
      // FB/others nest JSON in a form field (Pinterest pd={"em":…})
      if (v.startsWith('{')) {
        try {
          flatten(JSON.parse(v), k, out, 1);
        } catch {
          // not JSON
        }
      }
    });
  } else {
    const m = EMAIL_IN.exec(body);
    if (m) out.push(['(body)', m[0]]);
  }
  return out;
}

function flatten(v: unknown, prefix: string, out: [string, string][], depth: number): void {
  if (depth > 6 || out.length > 500) return;
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) flatten(x, prefix ? `${prefix}.${k}` : k, out, depth + 1);
  } else if (typeof v === 'string' || typeof v === 'number') out.push([prefix, String(v)]);
}

function leaf(key: string): string {
  const k = key.toLowerCase();
  if (k.startsWith('ud[')) return k;
  const dot = k.lastIndexOf('.');
  return dot >= 0 ? k.slice(dot + 1) : k;
}

interface Hit {
  type: 'email' | 'phone';
  hashed: boolean;
  param: string;
}

export function piiIn(pairs: readonly [string, string][]): { hits: Hit[]; events: string[]; otherFields: string[] } {
  const hits: Hit[] = [];
  const events: string[] = [];
  const otherFields: string[] = [];
  for (const [key, raw] of pairs) {
    const k = leaf(key);
    const v = raw.trim();
    if (!v) continue;
    if (EVENT_KEYS.has(k) && STANDARD_EVENTS.test(v) && events.length < 5) events.push(v);
    if (OTHER_MATCH.test(k)) otherFields.push(k);
    const hashed = HASH.test(v) || GOOGLE_EC.test(v);
    if (EMAIL_KEYS.has(k) || (k === 'em' && GOOGLE_EC.test(v))) {
      if (hashed || EMAIL.test(v)) hits.push({ type: GOOGLE_EC.test(v) && v.startsWith('tv.1~pn') ? 'phone' : 'email', hashed, param: key });
    } else if (PHONE_KEYS.has(k)) {
      if (hashed || /^\+?[\d\s().-]{7,}$/.test(v)) hits.push({ type: 'phone', hashed, param: key });
    } else if (EMAIL_IN.test(v) && !/^https?:|^mailto:/i.test(v)) {
      // a plain e-mail address in any other parameter (an autofilled form serialised into a pixel)
      hits.push({ type: 'email', hashed: false, param: key });
    }
  }
  return { hits, events, otherFields: [...new Set(otherFields)] };
}

function isAdOrAnalytics(host: string, ctx: DetectorContext): boolean {
  const c = ctx.trackers.lookup(host)?.category;
  return c != null && c !== 'consent';
}

export const piiDetector: Detector = {
  id: 'pii',
  onRequest(req, ctx): FindingDraft[] {
    if (req.phase !== 'request' || req.type === 'main_frame') return [];
    const host = hostOf(req.url);
    if (!host || !ctx.isThirdParty(host)) return [];
    if (!req.url.includes('?') && !req.body) return [];
    const { hits, events, otherFields } = piiIn(pairsOf(req));
    if (hits.length === 0) return [];
    const who = whoIs(host, ctx);
    const site = ctx.siteOf(host);
    const seen = new Set<string>();
    const out: FindingDraft[] = [];
    for (const h of hits) {
      const k = `${h.type}:${h.hashed}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({
        kind: 'pii-leak',
        key: `pii-leak:${site}:${h.type}:${h.hashed ? 'hashed' : 'plain'}`,
        vendor: who.vendor,
        company: who.company,
        category: who.category,
        source: 'network',
        // a plain address in some unknown third party's request could be the person's own choice
        // (a newsletter form posted to a mailing service); hashed or to an ad platform is deliberate
        confidence: h.hashed || isAdOrAnalytics(host, ctx) ? 'certain' : 'likely',
        evidence: [evidence(redactUrl(req.url), `${h.hashed ? 'hashed ' : ''}${h.type === 'email' ? 'e-mail address' : 'phone number'} in “${capText(h.param, 60)}”${events.length ? ` with event ${events.join(', ')}` : ''}`, req.at)],
        details: {
          type: h.type,
          hashed: h.hashed,
          destination: host,
          param: capText(h.param, 60),
          ...(events.length ? { events: events.map((e) => capText(e, 40)) } : {}),
          ...(otherFields.length ? { otherFields } : {}),
        },
      });
    }
    return out;
  },
};
