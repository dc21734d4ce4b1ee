// Parsers for the consent signals sites send: Google Consent Mode (gcs/gcd URL parameters), the IAB
// US Privacy string and the GPP US sections. Pure string work, unit-tested with vectors.

export type GoogleConsentState = 'granted' | 'denied' | 'unset';

export interface GoogleConsentHit {
  gcs?: string;
  gcd?: string;
  adStorage: GoogleConsentState;
  analyticsStorage: GoogleConsentState;
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
  if (gcs && /^G1[01-][01-]$/.test(gcs)) {
    adStorage = bit(gcs[2]);
    analyticsStorage = bit(gcs[3]);
  } else if (gcd) {
    const letters = gcd.match(/[a-z]/g) ?? [];
    adStorage = letter(letters[0]);
    analyticsStorage = letter(letters[1]);
  }
  return { ...(gcs ? { gcs: gcs.slice(0, 10) } : {}), ...(gcd ? { gcd: gcd.slice(0, 40) } : {}), adStorage, analyticsStorage };
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
