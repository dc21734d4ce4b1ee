// Tracking before consent is derived over a whole visit from stored findings (times included).
import { describe, expect, it } from 'vitest';
import { mergeDraft } from '../../src/background/merge';
import { deriveTrackingBeforeConsent, GRACE_MS } from '../../src/detectors/tracking-before-consent';
import type { FindingDraft, StoredFinding } from '../../src/model/finding';
import { buildReport as buildSiteReport } from './build-report';
import { visitFor } from './helpers';

const visit = visitFor('https://shop.example/');

/** a stored finding built from drafts seen at the given times, the way the writer merges them */
function stored(d: Omit<FindingDraft, 'evidence' | 'source' | 'confidence'> & Partial<FindingDraft>, ...times: number[]): StoredFinding {
  let f: StoredFinding | undefined;
  for (const t of times) f = mergeDraft(f, { source: 'network', confidence: 'certain', evidence: [{ url: 'https://x.example/', at: new Date(t).toISOString() }], ...d }, visit, t);
  return f!;
}
const tracker = (vendor: string, company: string, category: string, ...times: number[]) =>
  stored({ kind: 'tracker', key: `tracker:${vendor}`, vendor, company, category, details: { domain: `${vendor}.example` } }, ...times);
const banner = (details: Record<string, unknown>) => stored({ kind: 'consent-banner', key: 'consent-banner', source: 'dom', details }, 100);

describe('tracking before consent', () => {
  it('flags trackers that loaded while the banner waited for an answer', () => {
    const out = deriveTrackingBeforeConsent([banner({ cmp: 'Klaro', shown: true, shownAt: 200 }), tracker('ga', 'Google', 'analytics', 150)]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ key: 'tracking-before-consent:before-choice', details: { phase: 'before-choice', cmp: 'Klaro', trackers: [{ vendor: 'ga' }] } });
  });

  it('does not flag trackers that loaded after the person answered', () => {
    expect(deriveTrackingBeforeConsent([banner({ shown: true, shownAt: 100, choice: 'accepted', choiceAt: 500 }), tracker('ga', 'Google', 'analytics', 600, 900)])).toEqual([]);
  });

  it('a remembered choice with no banner, or no banner at all, blames nobody', () => {
    expect(deriveTrackingBeforeConsent([banner({ cmp: 'Klaro', remembered: true }), tracker('ga', 'Google', 'analytics', 50)])).toEqual([]);
    expect(deriveTrackingBeforeConsent([tracker('ga', 'Google', 'analytics', 50)])).toEqual([]);
  });

  it('the consent platform\'s own requests are not tracking', () => {
    expect(deriveTrackingBeforeConsent([banner({ shown: true, shownAt: 1 }), tracker('OneTrust', 'OneTrust', 'consent', 2)])).toEqual([]);
  });

  it('after a refusal: trackers that keep firing, not those that stopped', () => {
    const out = deriveTrackingBeforeConsent([
      banner({ shown: true, shownAt: 10, choice: 'rejected', choiceAt: 1000 }),
      tracker('fb', 'Facebook', 'social', 500, 1000 + GRACE_MS + 500),
      tracker('old', 'Old', 'advertising', 500, 900),
    ]);
    expect(out.find((d) => d.details.phase === 'after-reject')?.details.trackers).toEqual([{ vendor: 'fb', company: 'Facebook', category: 'social' }]);
    // both loaded before the answer, too
    expect(out.find((d) => d.details.phase === 'before-choice')?.details.trackers).toHaveLength(2);
  });

  it('after a refusal: Google hits that still say granted; cookieless "denied" pings are the site honouring the no', () => {
    const ga = tracker('Google Analytics', 'Google', 'analytics', 2000, 5000);
    const granted = stored({ kind: 'consent-banner', key: 'consent-mode:google', details: { grantedHitAt: 5000 } }, 5000);
    const denied = stored({ kind: 'consent-banner', key: 'consent-mode:google', details: { deniedHitAt: 5000 } }, 5000);
    const refusal = banner({ shown: true, shownAt: 10, choice: 'rejected', choiceAt: 1000 });
    const bad = deriveTrackingBeforeConsent([refusal, { ...ga, firstAt: 2000 }, granted]).find((d) => d.details.phase === 'after-reject');
    expect(bad?.details.googleGranted).toBe(true);
    expect(deriveTrackingBeforeConsent([refusal, { ...ga, firstAt: 2000 }, denied])).toEqual([]);
  });

  it('a Consent Mode refusal counts as the choice when no banner was recognised', () => {
    const mode = stored({ kind: 'consent-banner', key: 'consent-mode:google', details: { updateAt: 1000, updateChoice: 'rejected', grantedHitAt: 4000 } }, 4000);
    expect(deriveTrackingBeforeConsent([mode])[0]?.details).toMatchObject({ phase: 'after-reject', googleGranted: true });
  });

  it('the report words it plainly and takes points off consent; a reject button on the first layer earns some', () => {
    const r = buildSiteReport({ visit, findings: [banner({ cmp: 'cookieconsent3', shown: true, shownAt: 200, rejectOnFirstLayer: true }), tracker('Google Analytics', 'Google', 'analytics', 150)], tool: { version: 't', browser: 't' } });
    const t = r.findings.find((f) => f.kind === 'tracking-before-consent')!;
    expect(t.title).toBe('1 tracker loaded before you answered the consent banner: Google Analytics');
    expect(r.principles.consent.reasons.map((x) => x.points).sort((a, b) => a - b)).toEqual([-14, 5]);
    const b = r.findings.find((f) => f.kind === 'consent-banner')!;
    expect(b.title).toContain('with a “reject” button on the first screen');
    expect(b.assessment).toBe('good');
    expect(t.assessment).toBe('concern');
  });
});
