// Consent banners and the consent state sites record: the CMP and its banner (autoconsent, relayed by
// the content script), IAB TCF and GPP readouts (MAIN-world hooks), and Google Consent Mode (dataLayer
// commands from the page, gcs/gcd parameters on Google requests from the network).
import { type Assessment, capText, capUrl, type FindingDraft, type StoredFinding } from '../model/finding';
import type { PageEvent } from '../model/observations';
import { parseGoogleAdsSignals, parseGoogleConsent } from './consent-signals';

const npaOf = (url: string) => parseGoogleAdsSignals(url)?.npa ?? null;
import type { Detector } from './types';

export const BANNER_KEY = 'consent-banner';
export const CONSENT_MODE_KEY = 'consent-mode:google';
export type Choice = 'accepted' | 'rejected' | 'made';

const iso = (t: number) => new Date(t).toISOString();
const nums = (v: unknown): number[] => (Array.isArray(v) ? v.filter((n): n is number => typeof n === 'number').slice(0, 50) : []);
const str = (v: unknown, max = 80) => (typeof v === 'string' ? capText(v, max) : undefined);

function banner(ev: PageEvent, source: FindingDraft['source'], details: Record<string, unknown>, detail: string, url?: string): FindingDraft {
  return {
    kind: 'consent-banner',
    key: BANNER_KEY,
    source,
    confidence: source === 'page' ? 'likely' : 'certain',
    evidence: [{ ...(url ? { url: capUrl(url) } : {}), detail: capText(detail), at: iso(ev.at) }],
    details,
  };
}

/** autoconsent, relayed by the content script: detected, popup shown, the person's choice, our opt-out */
function fromCmp(ev: PageEvent): FindingDraft[] {
  const d = ev.data;
  const cmp = str(d.cmp);
  if (!cmp) return [];
  const url = typeof d.url === 'string' ? d.url : undefined;
  switch (d.phase) {
    case 'detected':
      return [banner(ev, 'dom', { cmp }, `consent platform ${cmp} found in the page`, url)];
    case 'popup': {
      const buttons = Array.isArray(d.buttons) ? d.buttons.map((b) => capText(b, 40)).filter(Boolean).slice(0, 8) : [];
      return [
        banner(
          ev,
          'dom',
          { cmp, shown: true, shownAt: ev.at, rejectOnFirstLayer: typeof d.rejectOnFirstLayer === 'boolean' ? d.rejectOnFirstLayer : undefined, firstLayerButtons: buttons },
          `banner shown${buttons.length ? `; buttons: ${buttons.join(' · ')}` : ''}`,
          url,
        ),
      ];
    }
    case 'choice': {
      const choice: Choice = d.choice === 'accepted' || d.choice === 'rejected' ? d.choice : 'made';
      const by = d.by === 'candor' ? 'candor' : 'person';
      const detail = by === 'candor' ? (choice === 'accepted' ? 'Candor accepted the banner (audit view)' : 'Candor rejected the banner for you') : `banner answered: ${choice}`;
      return [banner(ev, 'dom', { cmp, choice, choiceAt: ev.at, choiceBy: by }, detail, url)];
    }
    default:
      return [];
  }
}

/** IAB TCF v2 TCData from __tcfapi('addEventListener') */
function fromTcf(ev: PageEvent): FindingDraft[] {
  const d = ev.data;
  const purposes = nums(d.purposesConsented);
  const tcf = {
    cmpId: typeof d.cmpId === 'number' ? d.cmpId : null,
    gdprApplies: typeof d.gdprApplies === 'boolean' ? d.gdprApplies : null,
    eventStatus: str(d.eventStatus, 30) ?? null,
    purposesConsented: purposes,
    vendorsConsented: typeof d.vendorsConsented === 'number' ? d.vendorsConsented : 0,
    ...(typeof d.tcString === 'string' && d.tcString ? { tcString: capText(d.tcString, 400) } : {}),
  };
  const details: Record<string, unknown> = { tcf };
  if (tcf.cmpId !== null) details.tcfCmpId = tcf.cmpId;
  if (tcf.eventStatus === 'cmpuishown') Object.assign(details, { shown: true, shownAt: ev.at });
  if (tcf.eventStatus === 'useractioncomplete') Object.assign(details, { choice: purposes.length ? 'accepted' : 'rejected', choiceAt: ev.at, choiceBy: 'person' });
  // a stored choice from an earlier visit: no banner, consent given or refused before this page
  if (tcf.eventStatus === 'tcloaded' && tcf.tcString) details.remembered = true;
  return [banner(ev, 'page', details, `IAB TCF: ${tcf.eventStatus ?? 'status unknown'}, ${purposes.length} purposes consented`, ev.script)];
}

/** IAB GPP ping / event data from __gpp */
function fromGpp(ev: PageEvent): FindingDraft[] {
  const d = ev.data;
  const gpp = {
    cmpId: typeof d.cmpId === 'number' ? d.cmpId : null,
    signalStatus: str(d.signalStatus, 30) ?? null,
    applicableSections: nums(d.applicableSections),
    sectionList: Array.isArray(d.sectionList) ? d.sectionList.map((s) => capText(s, 20)).slice(0, 20) : [],
    ...(typeof d.gppString === 'string' && d.gppString ? { gppString: capText(d.gppString, 400) } : {}),
  };
  return [banner(ev, 'page', { gpp }, `IAB GPP: sections ${gpp.sectionList.join(', ') || gpp.applicableSections.join(', ') || 'none'}`, ev.script)];
}

const MODE_KEYS = ['ad_storage', 'analytics_storage', 'ad_user_data', 'ad_personalization'] as const;

/** gtag('consent', 'default' | 'update', {...}) seen on dataLayer */
function fromConsentMode(ev: PageEvent): FindingDraft[] {
  const cmd = ev.data.command;
  if (cmd !== 'default' && cmd !== 'update') return [];
  const raw = (ev.data.state ?? {}) as Record<string, unknown>;
  const state: Record<string, string> = {};
  for (const k of MODE_KEYS) if (raw[k] === 'granted' || raw[k] === 'denied') state[k] = raw[k];
  if (Object.keys(state).length === 0) return [];
  const denied = Object.values(state).every((v) => v === 'denied');
  const granted = Object.values(state).some((v) => v === 'granted');
  const details: Record<string, unknown> =
    cmd === 'default' ? { consentModeDefault: state } : { consentModeUpdate: state, updateAt: ev.at, updateChoice: denied ? 'rejected' : granted ? 'accepted' : 'made' };
  return [
    {
      kind: 'consent-banner',
      key: CONSENT_MODE_KEY,
      vendor: 'Google Consent Mode',
      company: 'Google',
      source: 'page',
      confidence: 'likely',
      assessment: 'info',
      evidence: [{ ...(ev.script ? { url: capUrl(ev.script) } : {}), detail: `gtag consent ${cmd}: ${Object.entries(state).map(([k, v]) => `${k}=${v}`).join(', ')}`, at: iso(ev.at) }],
      details,
    },
  ];
}

/**
 * A banner is good practice when it was shown with a reject button on its first layer, a concern when
 * it was shown without one; a consent-mode readout or a banner never shown is information only.
 */
export function assessConsentBanner(f: StoredFinding): Assessment | undefined {
  if (f.kind !== 'consent-banner') return undefined;
  if (f.key.startsWith('consent-mode')) return 'info';
  const x = f.details;
  if (x.shown !== true) return 'info';
  return x.rejectOnFirstLayer === true ? 'good' : x.rejectOnFirstLayer === false ? 'concern' : 'info';
}

export const consentDetector: Detector = {
  id: 'consent',
  pageEventTypes: ['consent-cmp', 'tcf', 'gpp', 'consent-mode'],
  assess: assessConsentBanner,
  onPageEvent(ev) {
    switch (ev.type) {
      case 'consent-cmp':
        return fromCmp(ev);
      case 'tcf':
        return fromTcf(ev);
      case 'gpp':
        return fromGpp(ev);
      case 'consent-mode':
        return fromConsentMode(ev);
      default:
        return [];
    }
  },
  onRequest(req) {
    if (req.phase !== 'request' || req.type === 'main_frame') return [];
    const hit = parseGoogleConsent(req.url);
    if (!hit) return [];
    const granted = hit.adStorage === 'granted' || hit.analyticsStorage === 'granted';
    const denied = hit.adStorage === 'denied' && hit.analyticsStorage !== 'granted';
    return [
      {
        kind: 'consent-banner',
        key: CONSENT_MODE_KEY,
        vendor: 'Google Consent Mode',
        company: 'Google',
        source: 'network',
        confidence: 'certain',
        assessment: 'info',
        evidence: [{ url: capUrl(req.url), detail: `Google hit says ad_storage=${hit.adStorage}, analytics_storage=${hit.analyticsStorage}`, at: iso(req.at) }],
        details: {
          ...(hit.gcs ? { gcs: hit.gcs } : {}),
          ...(hit.gcd ? { gcd: hit.gcd } : {}),
          adStorage: hit.adStorage,
          analyticsStorage: hit.analyticsStorage,
          ...(hit.adPersonalization !== 'unset' ? { adPersonalization: hit.adPersonalization } : {}),
          // npa=1: the site asks Google for non-personalised ads (allow_ad_personalization_signals: false)
          ...(npaOf(req.url) !== null ? { npa: npaOf(req.url) } : {}),
          // merged over the visit, these keep the time of the latest granted / denied hit
          ...(granted ? { grantedHitAt: req.at } : {}),
          ...(denied ? { deniedHitAt: req.at } : {}),
        },
      },
    ];
  },
};
