// Google's advertising signals, from the network: remarketing and Google signals hits (a retargeting
// personalisation finding), and the contradiction a person cares about — "consent denied, but
// remarketing hits were sent" — derived over the visit.
//
// When is advertising consent denied? Any of (each from a source the report already shows):
//   - you (or Candor for you) rejected the consent banner: from the choice on, plus GRACE_MS;
//   - a Consent Mode update set ad_storage or ad_personalization to "denied": from the update on;
//   - the Consent Mode default said "denied" and no update granted it yet: from the page start;
//   - the remarketing hit itself says ad_storage or ad_personalization "denied" (its gcs/gcd).
// Consent Mode's cookieless pings to google-analytics.com are not remarketing and do not count here;
// a hit with npa=1 (non-personalised ads) is not remarketing either (consent-signals.ts).
import { capUrl, type FindingDraft, type StoredFinding } from '../model/finding';
import { BANNER_KEY, CONSENT_MODE_KEY } from './consent';
import { parseGoogleAdsSignals, parseGoogleConsent, type RemarketingVia } from './consent-signals';
import { redactUrl } from './privacy-util';
import { GRACE_MS } from './tracking-before-consent';
import type { Detector } from './types';

const VENDOR: Record<RemarketingVia, string> = {
  'ga-audiences': 'Google Analytics remarketing (Google signals)',
  'google-signals': 'Google Analytics remarketing (Google signals)',
  'ads-remarketing': 'Google Ads remarketing',
  'user-list': 'Google Ads remarketing',
};

export const REMARKETING_KEY_PREFIX = 'personalization:google-remarketing';
export const REMARKETING_DENIED_KEY = 'tracking-before-consent:remarketing-denied';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const deniedIn = (s: unknown) => !!s && typeof s === 'object' && ['ad_storage', 'ad_personalization'].some((k) => (s as Record<string, unknown>)[k] === 'denied');
const grantedIn = (s: unknown) => !!s && typeof s === 'object' && (s as Record<string, unknown>).ad_storage === 'granted';

/** The remarketing finding a Google request makes, or null. */
export function remarketingDraft(url: string, type: string, at: number): FindingDraft | null {
  const sig = parseGoogleAdsSignals(url);
  if (!sig?.remarketing || sig.npa === true) return null;
  const consent = parseGoogleConsent(url);
  const denied = consent?.adStorage === 'denied' || consent?.adPersonalization === 'denied';
  const vendor = VENDOR[sig.remarketing];
  return {
    kind: 'personalization',
    key: `${REMARKETING_KEY_PREFIX}:${sig.remarketing === 'ga-audiences' || sig.remarketing === 'google-signals' ? 'analytics' : 'ads'}`,
    vendor,
    company: 'Google',
    category: 'advertising',
    source: 'network',
    confidence: 'certain',
    evidence: [{ url: capUrl(redactUrl(url)), detail: `${type} request: ${sig.remarketing} hit${consent ? ` saying ad_storage=${consent.adStorage}` : ''}`, at: new Date(at).toISOString() }],
    details: { vendor, type: 'retargeting', via: sig.remarketing, ...(denied ? { deniedHitAt: at } : {}) },
  };
}

/** When advertising consent was denied, as [from, to) windows over the visit's clock (ms). */
export function deniedWindows(findings: readonly StoredFinding[]): { from: number; to: number; by: string }[] {
  const out: { from: number; to: number; by: string }[] = [];
  const banner = findings.find((f) => f.key === BANNER_KEY)?.details ?? {};
  const mode = findings.find((f) => f.key === CONSENT_MODE_KEY)?.details ?? {};
  const choiceAt = num(banner.choiceAt);
  if (banner.choice === 'rejected' && choiceAt !== undefined) out.push({ from: choiceAt + GRACE_MS, to: Infinity, by: 'you rejected the consent banner' });
  const updateAt = num(mode.updateAt);
  if (updateAt !== undefined && deniedIn(mode.consentModeUpdate)) out.push({ from: updateAt + GRACE_MS, to: Infinity, by: 'the site told Google your consent was denied (Consent Mode update)' });
  if (deniedIn(mode.consentModeDefault)) {
    const to = updateAt !== undefined && grantedIn(mode.consentModeUpdate) ? updateAt : Infinity;
    out.push({ from: -Infinity, to, by: 'the site’s Consent Mode default was “denied”' });
  }
  return out;
}

export function deriveRemarketingAfterDenial(findings: readonly StoredFinding[]): FindingDraft[] {
  const hits = findings.filter((f) => f.key.startsWith(REMARKETING_KEY_PREFIX));
  if (hits.length === 0) return [];
  const windows = deniedWindows(findings);
  const bad: { f: StoredFinding; by: string }[] = [];
  for (const f of hits) {
    if (num(f.details.deniedHitAt) !== undefined) {
      bad.push({ f, by: 'the hit itself says advertising consent was denied' });
      continue;
    }
    // a hit inside a window: the first one for a window that is open from the start, the latest otherwise
    const w = windows.find((x) => (x.from === -Infinity ? f.firstAt < x.to : f.lastAt > x.from));
    if (w) bad.push({ f, by: w.by });
  }
  if (bad.length === 0) return [];
  return [
    {
      kind: 'tracking-before-consent',
      key: REMARKETING_DENIED_KEY,
      source: 'network',
      confidence: 'likely',
      evidence: bad.slice(0, 4).map(({ f, by }) => ({ ...f.evidence[0]!, detail: `${f.vendor}: remarketing hit sent although ${by}` })),
      details: {
        phase: 'remarketing-denied',
        trackers: bad.map(({ f }) => ({ vendor: f.vendor, company: 'Google', category: 'advertising', via: f.details.via })),
        deniedBy: [...new Set(bad.map((b) => b.by))],
      },
    },
  ];
}

export const googleSignalsDetector: Detector = {
  id: 'google-signals',
  onRequest(req) {
    if (req.phase !== 'request' || req.type === 'main_frame') return [];
    const d = remarketingDraft(req.url, req.type, req.at);
    return d ? [d] : [];
  },
  derive: (findings) => deriveRemarketingAfterDenial(findings),
};
