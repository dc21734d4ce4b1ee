// Parsers for the consent signals sites send: Google Consent Mode (gcs/gcd URL parameters), the IAB
// US Privacy string and the GPP US sections. Pure string work, unit-tested with vectors.

export type GoogleConsentState = 'granted' | 'denied' | 'unset';

export interface GoogleConsentHit {
  gcs?: string;
  gcd?: string;
  adStorage: GoogleConsentState;
  analyticsStorage: GoogleConsentState;
  /** gcd's fourth letter (Consent Mode v2); unset without gcd */
  adPersonalization: GoogleConsentState;
}

/** Google hosts whose hits carry Consent Mode parameters (gtag.js, GA4, Ads, Floodlight). */
const GOOGLE_HOSTS = /(^|\.)(google-analytics\.com|googletagmanager\.com|doubleclick\.net|googleadservices\.com|googlesyndication\.com|google\.com)$/;

function bit(c: string | undefined): GoogleConsentState {
  return c === '1' ? 'granted' : c === '0' ? 'denied' : 'unset';
}

// gcd letters, per storage type, as documented by Simo Ahava ("Consent Mode V2 … gcd parameter",
// simoahava.com/analytics/consent-mode-v2-google-tags/): granted = t (default), r (update after a
// denied default), n (update only), v (default and update); denied = p, q, m, u; l = not set.
const GCD_GRANTED = new Set(['t', 'r', 'n', 'v']);
const GCD_DENIED = new Set(['p', 'q', 'm', 'u']);
function letter(c: string | undefined): GoogleConsentState {
  return c && GCD_GRANTED.has(c) ? 'granted' : c && GCD_DENIED.has(c) ? 'denied' : 'unset';
}

/**
 * Reads Consent Mode from a Google request URL. `gcs=G1xy`: x = ad_storage, y = analytics_storage
 * (1 granted, 0 denied, - unset). `gcd` (v2): four letters for ad_storage, analytics_storage,
 * ad_user_data, ad_personalization. null when the URL is not a Google hit with either parameter.
 */
export function parseGoogleConsent(url: string): GoogleConsentHit | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!GOOGLE_HOSTS.test(u.hostname.toLowerCase())) return null;
  // GA4 batches put parameters in the query; some hits carry them in the path (;gcs=…) for Ads
  const params = new URLSearchParams(u.search + '&' + u.pathname.split(';').slice(1).join('&'));
  const gcs = params.get('gcs') ?? undefined;
  const gcd = params.get('gcd') ?? undefined;
  if (!gcs && !gcd) return null;
  let adStorage: GoogleConsentState = 'unset';
  let analyticsStorage: GoogleConsentState = 'unset';
  const gcdLetters = gcd?.match(/[a-z]/g) ?? [];
  const adPersonalization = letter(gcdLetters[3]);
  if (gcs && /^G1[01-][01-]$/.test(gcs)) {
    adStorage = bit(gcs[2]);
    analyticsStorage = bit(gcs[3]);
  } else if (gcd) {
    const letters = gcd.match(/[a-z]/g) ?? [];
    adStorage = letter(letters[0]);
    analyticsStorage = letter(letters[1]);
  }
  return { ...(gcs ? { gcs: gcs.slice(0, 10) } : {}), ...(gcd ? { gcd: gcd.slice(0, 40) } : {}), adStorage, analyticsStorage, adPersonalization };
}

/**
 * IAB CCPA "US Privacy" string, e.g. "1YYN": version 1, notice given, opted out of sale, LSPA.
 * Returns whether the person is opted out of sale, or null when the string says nothing.
 */
export function uspOptedOut(usp: unknown): boolean | null {
  if (typeof usp !== 'string' || !/^1[YN-][YN-][YN-]$/.test(usp)) return null;
  return usp[2] === 'Y' ? true : usp[2] === 'N' ? false : null;
}

/**
 * GPP US sections as the CMP parses them (`__gpp('ping')` parsedSections or getSection): SaleOptOut
 * and SharingOptOut are 1 = opted out, 2 = not opted out, 0 = not applicable; Gpc is the GPC bit the
 * CMP received. null when no US section answers.
 */
export function gppOptedOut(sections: unknown): boolean | null {
  if (!sections || typeof sections !== 'object') return null;
  let seen: boolean | null = null;
  for (const [name, raw] of Object.entries(sections as Record<string, unknown>)) {
    if (!/^(usnat|usp?v1|us[a-z]{2})$/i.test(name)) continue;
    const list = Array.isArray(raw) ? raw : [raw];
    for (const s of list) {
      if (!s || typeof s !== 'object') continue;
      const v = (s as Record<string, unknown>).SaleOptOut ?? (s as Record<string, unknown>).SharingOptOut;
      if (v === 1) return true;
      if (v === 2) seen = false;
    }
  }
  return seen;
}

export type RemarketingVia = 'ga-audiences' | 'google-signals' | 'ads-remarketing' | 'user-list';

export interface GoogleAdsSignals {
  /** npa=1: the hit asks Google for non-personalised ads (what allow_ad_personalization_signals: false sends); null when absent */
  npa: boolean | null;
  /** the hit builds an advertising audience from your visit, and how; null when it does not */
  remarketing: RemarketingVia | null;
}

/**
 * Google's advertising signals on a request, from the network (the page cannot forge them):
 * - `www.google.<tld>/ads/ga-audiences`: Google Analytics remarketing audiences (Google signals; sent
 *   only while allow_google_signals is on), per Google's "Advertising features" help
 *   (support.google.com/analytics/answer/2700409) and Simo Ahava's request guide;
 * - `stats.g.doubleclick.net/(g|j|r)/collect`: the Google signals / advertising-features copy of an
 *   Analytics hit, which joins it to signed-in Google accounts;
 * - `googleads.g.doubleclick.net/pagead/viewthroughconversion/…` and `www.google.<tld>/pagead/1p-user-list/…`:
 *   the Google Ads remarketing tag adding you to a remarketing list.
 * `npa=1` on any of them means the site asked for non-personalised ads: Google does not use such a hit
 * for ads personalisation or remarketing lists (developers.google.com/tag-platform/gtagjs/reference,
 * allow_ad_personalization_signals). null when the URL is not a Google hit.
 */
export function parseGoogleAdsSignals(url: string): GoogleAdsSignals | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase();
  if (!GOOGLE_HOSTS.test(host) && !/(^|\.)google\.[a-z.]{2,6}$/.test(host)) return null;
  const path = u.pathname;
  const params = new URLSearchParams(u.search + '&' + path.split(';').slice(1).join('&'));
  const n = params.get('npa');
  const npa = n === '1' ? true : n === '0' ? false : null;
  let remarketing: RemarketingVia | null = null;
  if (/^www\.google\.[a-z.]{2,6}$/.test(host) && path.startsWith('/ads/ga-audiences')) remarketing = 'ga-audiences';
  else if (host === 'stats.g.doubleclick.net' && /^\/(g|j|r)\/collect/.test(path)) remarketing = 'google-signals';
  else if (host === 'googleads.g.doubleclick.net' && path.startsWith('/pagead/viewthroughconversion/')) remarketing = 'ads-remarketing';
  else if (/^www\.google\.[a-z.]{2,6}$/.test(host) && path.startsWith('/pagead/1p-user-list/')) remarketing = 'user-list';
  if (npa === null && remarketing === null) return null;
  return { npa, remarketing };
}
