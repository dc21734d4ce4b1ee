// The popup's company cards (src/report/cards.ts): one card per company over its privacy findings,
// strongest evidence first; findings without a company, and other principles' kinds, stay on their own.
import { describe, expect, it } from 'vitest';
import { mergeDraft } from '../../src/background/merge';
import type { FindingDraft, StoredFinding } from '../../src/model/finding';
import { companyCards } from '../../src/report/cards';
import { headlineOf } from '../../src/report/headline';
import { buildReport } from './build-report';
import { visitFor } from './helpers';

const visit = visitFor('https://www.shop.example/');
const tool = { version: '0.1.0', browser: 'chromium 156' };
function stored(d: Partial<FindingDraft> & Pick<FindingDraft, 'kind' | 'key'>): StoredFinding {
  return mergeDraft(undefined, { source: 'network', confidence: 'certain', evidence: [{ url: 'https://t.example/x', at: '2026-01-01T00:00:00.000Z' }], details: {}, ...d }, visit, 1);
}
const tracker = (vendor: string, company: string, category: string) =>
  stored({ kind: 'tracker', key: `tracker:${vendor}`, vendor, company, category, details: { domain: `${vendor.toLowerCase().replace(/\W/g, '')}.example` } });

describe('company cards', () => {
  it('gathers one company’s trackers and cookies into one card, advertising first, with what it gets', () => {
    const r = buildReport({
      visit,
      tool,
      findings: [
        tracker('Google Analytics', 'Google', 'analytics'),
        tracker('Google/Doubleclick Ads', 'Google', 'advertising'),
        tracker('Google Optimize', 'Google', 'ab-testing'),
        stored({ kind: 'identifier', key: 'identifier:_ga', vendor: 'Google Analytics', company: 'Google', source: 'dom', details: { name: '_ga', storage: 'cookie' } }),
        tracker('Facebook', 'Facebook', 'social'),
      ],
    });
    const { cards, loose } = companyCards(r.findings);
    expect(cards.map((c) => c.company)).toEqual(['Google', 'Facebook']);
    const google = cards[0]!;
    expect(google.items.map((i) => r.findings[i]!.vendor)).toEqual(['Google/Doubleclick Ads', 'Google Analytics', 'Google Optimize', 'Google Analytics']);
    expect(r.findings[google.items[3]!]!.kind).toBe('identifier');
    expect(google.lead).toBe(google.items[0]);
    expect(google.categories).toEqual(['advertising', 'analytics', 'ab-testing']);
    expect(google.data).toEqual(['identifiers', 'pages-viewed']);
    expect(google.assessment).toBe('concern');
    // the privacy-policy link and nothing else stays on its own
    expect(loose.map((i) => r.findings[i]!.kind)).toEqual([]);
  });

  it('puts a screen recording ahead of a tracker, and keeps findings without a company out of the cards', () => {
    const r = buildReport({
      visit,
      tool,
      findings: [
        tracker('Microsoft Clarity', 'Microsoft', 'session-replay'),
        stored({ kind: 'session-replay', key: 'session-replay:clarity', vendor: 'Microsoft Clarity', company: 'Microsoft', source: 'page', details: {} }),
        tracker('Ads', 'AdCo', 'advertising'),
        stored({ kind: 'fingerprinting', key: 'fingerprinting:canvas', source: 'page', details: { technique: 'canvas' } }),
      ],
    });
    const { cards, loose } = companyCards(r.findings);
    expect(cards.map((c) => c.company)).toEqual(['Microsoft', 'AdCo']);
    expect(r.findings[cards[0]!.lead]!.kind).toBe('session-replay');
    expect(cards[0]!.data).toEqual(['screen-recording', 'pages-viewed']);
    expect(loose.map((i) => r.findings[i]!.kind)).toEqual(['fingerprinting']);
  });

  it('a company whose every request was blocked is a credited card that gets nothing', () => {
    const blocked = { ...tracker('Facebook', 'Facebook', 'social'), assessment: 'good' as const, details: { domain: 'facebook.com', blockedRequests: 2 } };
    const r = buildReport({ visit, tool, findings: [blocked] });
    const { cards } = companyCards(r.findings);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.data).toEqual([]);
    expect(r.findings[0]!.assessment).toBe('good');
    expect(cards[0]!.assessment).toBe('good');
  });

  it('no title names a company twice ("Facebook (Facebook)")', () => {
    const r = buildReport({ visit, tool, findings: [tracker('Facebook', 'Facebook', 'social'), tracker('Google Analytics', 'Google', 'analytics')] });
    expect(r.findings.map((f) => f.title)).toEqual(['Facebook is told about your visit — social media', 'Google Analytics (Google) is told about your visit — analytics']);
  });
});

describe('the headline counts', () => {
  it('counts companies told, screen recorders and firm fingerprinting; a blocked tracker and a weak hint are no claim', () => {
    const blocked = { ...tracker('Facebook', 'Facebook', 'social'), assessment: 'good' as const, details: { domain: 'facebook.com', blockedRequests: 2 } };
    const r = buildReport({
      visit,
      tool,
      findings: [
        tracker('Microsoft Clarity', 'Microsoft', 'session-replay'),
        stored({ kind: 'session-replay', key: 'session-replay:clarity', vendor: 'Microsoft Clarity', company: 'Microsoft', source: 'page', details: {} }),
        tracker('Google Analytics', 'Google', 'analytics'),
        stored({ kind: 'fingerprinting', key: 'fingerprinting:navigator', source: 'page', confidence: 'possible', details: { technique: 'navigator', scriptHost: 'cdn.example' } }),
        blocked,
      ],
    });
    expect(headlineOf(r.findings)).toMatchObject({ companies: 2, recording: 1, fingerprinting: 0, typing: 0, contact: 0, aiChat: null, priceDiffers: false });
  });
});
