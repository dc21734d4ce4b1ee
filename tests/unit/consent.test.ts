// The consent detector: autoconsent's findings relayed from the content script, IAB TCF / GPP
// readouts, Google Consent Mode from dataLayer and from Google hits; and the signal parsers.
import { describe, expect, it } from 'vitest';
import { consentDetector } from '../../src/detectors/consent';
import { gppOptedOut, parseGoogleConsent, uspOptedOut } from '../../src/detectors/consent-signals';
import type { PageEvent } from '../../src/model/observations';
import { ctxFor, req } from './helpers';

const ctx = ctxFor('https://news.example/');
const ev = (type: string, data: Record<string, unknown>, at = 1000): PageEvent => ({ type, data, at });
const onEv = (e: PageEvent) => consentDetector.onPageEvent!(e, ctx);

describe('consent banner (autoconsent)', () => {
  it('records the CMP, that the banner showed, and whether "reject" is on the first layer', () => {
    const [d] = onEv(ev('consent-cmp', { phase: 'popup', cmp: 'cookieconsent3', rejectOnFirstLayer: true, buttons: ['Accept all', 'Reject all'] }, 5));
    expect(d).toMatchObject({ kind: 'consent-banner', key: 'consent-banner', source: 'dom', details: { cmp: 'cookieconsent3', shown: true, shownAt: 5, rejectOnFirstLayer: true } });
    expect(d!.evidence[0]!.detail).toContain('Reject all');
  });

  it('records a choice: the person\'s, or Candor\'s opt-out', () => {
    expect(onEv(ev('consent-cmp', { phase: 'choice', cmp: 'Klaro', choice: 'accepted', by: 'person' }, 9))[0]!.details).toMatchObject({ choice: 'accepted', choiceAt: 9, choiceBy: 'person' });
    expect(onEv(ev('consent-cmp', { phase: 'choice', cmp: 'Klaro', choice: 'rejected', by: 'candor' }))[0]!.details.choiceBy).toBe('candor');
    expect(onEv(ev('consent-cmp', { phase: 'choice', cmp: 'Klaro', choice: '<script>' }))[0]!.details.choice).toBe('made');
  });

  it('a CMP that is present but shows nothing is not a shown banner', () => {
    const [d] = onEv(ev('consent-cmp', { phase: 'detected', cmp: 'Klaro' }));
    expect(d!.details.shown).toBeUndefined();
  });

  it('ignores events without a CMP name or with an unknown phase', () => {
    expect(onEv(ev('consent-cmp', { phase: 'popup' }))).toEqual([]);
    expect(onEv(ev('consent-cmp', { phase: 'whatever', cmp: 'x' }))).toEqual([]);
  });
});

describe('IAB TCF and GPP readouts', () => {
  it('a shown TCF UI, then a refusal (no purposes consented)', () => {
    const shown = onEv(ev('tcf', { cmpId: 300, gdprApplies: true, eventStatus: 'cmpuishown', purposesConsented: [], vendorsConsented: 0 }, 1))[0]!;
    expect(shown.details).toMatchObject({ tcfCmpId: 300, shown: true, shownAt: 1, tcf: { gdprApplies: true } });
    const done = onEv(ev('tcf', { cmpId: 300, gdprApplies: true, eventStatus: 'useractioncomplete', purposesConsented: [], vendorsConsented: 0, tcString: 'CQ…' }, 2))[0]!;
    expect(done.details).toMatchObject({ choice: 'rejected', choiceAt: 2 });
    expect(done.source).toBe('page');
  });

  it('consent to purposes is an acceptance; a stored string on load is a remembered choice, not a shown banner', () => {
    expect(onEv(ev('tcf', { cmpId: 10, eventStatus: 'useractioncomplete', purposesConsented: [1, 2] }))[0]!.details.choice).toBe('accepted');
    const loaded = onEv(ev('tcf', { cmpId: 10, eventStatus: 'tcloaded', purposesConsented: [1], tcString: 'CQabc' }))[0]!;
    expect(loaded.details.remembered).toBe(true);
    expect(loaded.details.shown).toBeUndefined();
  });

  it('GPP sections are kept', () => {
    const [d] = onEv(ev('gpp', { cmpId: 5, signalStatus: 'ready', applicableSections: [7], sectionList: ['usnat'], gppString: 'DBABL~xyz' }));
    expect(d!.details.gpp).toMatchObject({ cmpId: 5, applicableSections: [7], sectionList: ['usnat'], gppString: 'DBABL~xyz' });
  });
});

describe('Google Consent Mode', () => {
  it('dataLayer default and update commands', () => {
    const def = onEv(ev('consent-mode', { command: 'default', state: { ad_storage: 'denied', analytics_storage: 'denied' } }))[0]!;
    expect(def).toMatchObject({ key: 'consent-mode:google', vendor: 'Google Consent Mode', details: { consentModeDefault: { ad_storage: 'denied' } } });
    const upd = onEv(ev('consent-mode', { command: 'update', state: { ad_storage: 'denied', analytics_storage: 'denied' } }, 7))[0]!;
    expect(upd.details).toMatchObject({ updateChoice: 'rejected', updateAt: 7 });
    expect(onEv(ev('consent-mode', { command: 'set', state: { ad_storage: 'denied' } }))).toEqual([]);
    expect(onEv(ev('consent-mode', { command: 'default', state: { foo: 'granted' } }))).toEqual([]);
  });

  it('gcs on a GA4 hit from the network', () => {
    const [d] = consentDetector.onRequest!(req('https://www.google-analytics.com/g/collect?v=2&tid=G-1&gcs=G111&gcd=13r3r3r3r5l1', { type: 'ping', at: 50 }), ctx);
    expect(d).toMatchObject({ source: 'network', details: { gcs: 'G111', adStorage: 'granted', analyticsStorage: 'granted', grantedHitAt: 50 } });
  });

  it('non-Google hosts and Google requests without consent parameters say nothing', () => {
    expect(consentDetector.onRequest!(req('https://tracker.example/collect?gcs=G111'), ctx)).toEqual([]);
    expect(consentDetector.onRequest!(req('https://www.google-analytics.com/analytics.js'), ctx)).toEqual([]);
  });

  it('parses gcs and gcd', () => {
    expect(parseGoogleConsent('https://www.google-analytics.com/g/collect?gcs=G101')).toMatchObject({ adStorage: 'denied', analyticsStorage: 'granted' });
    expect(parseGoogleConsent('https://www.google-analytics.com/g/collect?gcs=G1--')).toMatchObject({ adStorage: 'unset', analyticsStorage: 'unset' });
    expect(parseGoogleConsent('https://ad.doubleclick.net/x?gcd=13p3r3p3p5l1')).toMatchObject({ adStorage: 'denied', analyticsStorage: 'granted' });
    expect(parseGoogleConsent('not a url')).toBeNull();
  });
});

describe('US privacy signals', () => {
  it('USP strings', () => {
    expect(uspOptedOut('1YYN')).toBe(true);
    expect(uspOptedOut('1YNN')).toBe(false);
    expect(uspOptedOut('1---')).toBeNull();
    expect(uspOptedOut('garbage')).toBeNull();
  });
  it('GPP US sections', () => {
    expect(gppOptedOut({ usnat: { SaleOptOut: 1, Gpc: true } })).toBe(true);
    expect(gppOptedOut({ usca: [{ SaleOptOut: 2 }] })).toBe(false);
    expect(gppOptedOut({ tcfeuv2: { PurposeConsents: [] } })).toBeNull();
    expect(gppOptedOut(null)).toBeNull();
  });
});
