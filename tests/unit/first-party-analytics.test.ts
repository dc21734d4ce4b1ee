// Credit where it is due: privacy-friendly analytics, hosted or self-hosted, are a good practice that
// raises the privacy score while they run without identifiers, and lose the credit when they keep one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeDraft } from '../../src/background/merge';
import { validateCatalogFile } from '../../src/catalog/schema';
import { deriveFirstPartyAnalytics } from '../../src/detectors/first-party-analytics';
import { identifiersDetector } from '../../src/detectors/identifiers';
import { trackersDetector } from '../../src/detectors/trackers';
import { vendorsDetector } from '../../src/detectors/vendors';
import type { FindingDraft } from '../../src/model/finding';
import type { DomSnapshot } from '../../src/model/observations';
import { buildReport } from './build-report';
import { ctxFor, req, ROOT, visitFor } from './helpers';

const PAGE = 'https://www.shop.example/p/1';
const ctx = ctxFor(PAGE);
const credited = (url: string, type = 'script') => vendorsDetector.onRequest!(req(url, { type }), ctx).filter((d) => d.kind === 'first-party-analytics').map((d) => d.vendor);
const tracked = (url: string) => trackersDetector.onRequest!(req(url), ctx).map((d) => d.vendor);

function cookies(...keys: { name: string; idLike: boolean }[]): FindingDraft[] {
  const snap: DomSnapshot = { url: PAGE, isTop: true, title: 't', lang: 'en', scripts: [], iframes: [], at: 1_700_000_000_000, sections: { identifiers: keys.map((k) => ({ ...k, storage: 'cookie', length: 20 })) } };
  return identifiersDetector.onDom!(snap, ctx);
}

function report(drafts: FindingDraft[]) {
  const v = visitFor(PAGE);
  const stored = new Map<string, ReturnType<typeof mergeDraft>>();
  drafts.forEach((d, i) => stored.set(d.key, mergeDraft(stored.get(d.key), d, v, 1 + i)));
  return buildReport({ visit: v, findings: [...stored.values()], tool: { version: 't', browser: 't' } });
}

const MATOMO_HIT = 'https://www.shop.example/matomo.php?idsite=1&rec=1&action_name=Lamp';
const GA_HIT = 'https://www.google-analytics.com/g/collect?v=2&tid=G-1&cid=1.2';

describe('privacy-friendly analytics catalog', () => {
  it('validates, and every entry names its public source', () => {
    const file = validateCatalogFile('analytics.json', JSON.parse(readFileSync(join(ROOT, 'seeds/catalog/analytics.json'), 'utf8')));
    expect(file.entries.map((e) => e.id).sort()).toEqual(['fathom', 'matomo', 'open-web-analytics', 'plausible', 'simple-analytics', 'umami']);
    for (const e of file.entries) expect(e.roles).toEqual(['privacy-friendly-analytics']);
  });
});

describe('recognised hosted and self-hosted', () => {
  it.each([
    ['https://cdn.matomo.cloud/shop.matomo.cloud/matomo.js', 'Matomo'],
    ['https://shop.matomo.cloud/matomo.php?idsite=1&rec=1', 'Matomo'],
    [MATOMO_HIT, 'Matomo'],
    ['https://stats.shop.example/piwik.js', 'Matomo'],
    ['https://analytics.other.example/piwik.php?idsite=3&rec=1', 'Matomo'],
    ['https://plausible.io/js/script.js', 'Plausible Analytics'],
    ['https://stats.shop.example/js/plausible.js', 'Plausible Analytics'],
    ['https://cdn.usefathom.com/script.js', 'Fathom Analytics'],
    ['https://www.shop.example/owa/modules/base/dist/owa.tracker.js', 'Open Web Analytics'],
    ['https://scripts.simpleanalyticscdn.com/latest.js', 'Simple Analytics'],
    ['https://cloud.umami.is/script.js', 'Umami'],
  ])('%s → %s, credited and not a third-party tracker', (url, vendor) => {
    expect(credited(url)).toEqual([vendor]);
    expect(tracked(url)).toEqual([]);
  });
  it('a self-hosted Umami or Fathom is found by its page global', () => {
    const out = vendorsDetector.onPageEvent!({ type: 'globals', at: 1, data: { names: ['umami', 'dataLayer'] } }, ctx);
    expect(out.map((d) => [d.kind, d.vendor, d.assessment])).toEqual([['first-party-analytics', 'Umami', 'good']]);
  });
  it('negatives: Google Analytics, Piwik PRO and a page that merely talks about Matomo are not credited', () => {
    expect(credited(GA_HIT)).toEqual([]);
    expect(tracked(GA_HIT)).toEqual(['Google Analytics']);
    expect(credited('https://shop.piwik.pro/ppms.js')).toEqual([]);
    expect(credited('https://www.shop.example/blog/why-we-moved-to-matomo', 'main_frame')).toEqual([]);
    expect(credited('https://www.shop.example/js/script.js')).toEqual([]);
  });
});

describe('the credit and the score', () => {
  const matomo = () => vendorsDetector.onRequest!(req(MATOMO_HIT, { type: 'image' }), ctx);
  const ga = () => trackersDetector.onRequest!(req(GA_HIT, { type: 'ping' }), ctx);

  it('without identifiers: good practice, identifiers false, and the privacy score is higher than without it', () => {
    const r = report([...ga(), ...matomo()]);
    const f = r.findings.find((x) => x.kind === 'first-party-analytics')!;
    expect(f).toMatchObject({ assessment: 'good', vendor: 'Matomo', details: { identifiers: false } });
    expect(f.title).toBe('Uses Matomo, privacy-friendly analytics that counts visits without identifying you');
    expect(r.principles.privacy.score).toBeGreaterThan(report(ga()).principles.privacy.score);
    expect(r.principles.privacy.summary).toContain('privacy-friendly analytics (Matomo)');
  });
  it('a visitor-id cookie (_pk_id) loses the credit; the visit flag _pk_ses and the referrer _pk_ref do not', () => {
    const kept = report([...ga(), ...matomo(), ...cookies({ name: '_pk_ses.1.a1b2', idLike: false }, { name: '_pk_ref.1.a1b2', idLike: true })]);
    expect(kept.findings.find((x) => x.kind === 'first-party-analytics')).toMatchObject({ assessment: 'good', details: { identifiers: false } });
    const lost = report([...ga(), ...matomo(), ...cookies({ name: '_pk_id.1.a1b2', idLike: true })]);
    const f = lost.findings.find((x) => x.kind === 'first-party-analytics')!;
    expect(f).toMatchObject({ assessment: 'info', details: { identifiers: true, identifierNames: ['_pk_id.1.a1b2'] } });
    expect(f.title).toContain('but set up to keep an identifier in your browser');
    expect(lost.principles.privacy.score).toBeLessThan(kept.principles.privacy.score);
    expect(lost.principles.privacy.reasons.some((x) => x.points > 0)).toBe(false);
  });
  it('another vendor’s identifier does not cost Matomo its credit', () => {
    const stored = [...matomo(), ...cookies({ name: '_ga', idLike: true })].map((d, i) => mergeDraft(undefined, d, visitFor(PAGE), i));
    expect(deriveFirstPartyAnalytics(stored)[0]).toMatchObject({ assessment: 'good', details: { identifiers: false } });
  });
});
