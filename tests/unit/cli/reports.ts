// Site reports for CLI tests, built by the real report builder from stored findings (no hand-made
// grades or scores).
import type { FindingDraft, StoredFinding } from '../../../src/model/finding';
import type { SiteReport } from '../../../src/model/report';
import { buildSiteReport } from '../../../src/report/build';
import { assessorsOf, finaliseVisit } from '../../../src/background/finalise';
import { DETECTORS } from '../../../src/detectors';

/** fixtures state final facts: only each detector's assessment runs, no derive */
const ASSESSORS = assessorsOf(DETECTORS);

export const GA: FindingDraft = {
  kind: 'tracker', key: 'tracker:google-analytics.com', vendor: 'Google Analytics', company: 'Google', category: 'analytics',
  source: 'network', confidence: 'certain', evidence: [{ url: 'https://www.google-analytics.com/g/collect?v=2', at: '2026-11-23T12:00:00.000Z' }], details: { domain: 'google-analytics.com' },
};
export const FB: FindingDraft = {
  kind: 'tracker', key: 'tracker:facebook.com', vendor: 'Facebook', company: 'Facebook', category: 'advertising',
  source: 'network', confidence: 'certain', evidence: [{ url: 'https://www.facebook.com/tr?id=1', at: '2026-11-23T12:00:00.000Z' }], details: { domain: 'facebook.com' },
};
export const HOTJAR: FindingDraft = {
  kind: 'tracker', key: 'tracker:hotjar.com', vendor: 'Hotjar', company: 'Hotjar', category: 'session-replay',
  source: 'network', confidence: 'certain', evidence: [{ url: 'https://static.hotjar.com/c/hotjar-1.js', at: '2026-11-23T12:00:00.000Z' }], details: { domain: 'hotjar.com' },
};
export const AI_DISCLOSURE: FindingDraft = {
  kind: 'ai-disclosure', key: 'ai-disclosure:chat', source: 'dom', confidence: 'likely', assessment: 'good',
  title: 'The chat says it is an AI assistant', evidence: [{ detail: 'I am an AI assistant', at: '2026-11-23T12:00:00.000Z' }], details: { text: 'I am an AI assistant' },
};
export const PRICE_CHANGE = (before: number, after: number): FindingDraft => ({
  kind: 'price-change', key: 'price-change:shoe', source: 'dom', confidence: 'likely', title: `The price of Runner shoe changed since your last visit`,
  evidence: [{ detail: `${before} → ${after}`, at: '2026-11-23T12:00:00.000Z' }], details: { product: 'Runner shoe', before, after, currency: 'EUR', firstSeen: '2026-11-20' },
});

export function report(url: string, drafts: readonly FindingDraft[], count = 1): SiteReport {
  const site = new URL(url).hostname.replace(/^www\./, '');
  const findings: StoredFinding[] = drafts.map((d, i) => ({ ...d, id: `v|${d.key}`, visitId: 'v', site, count, firstAt: i, lastAt: i }));
  return buildSiteReport({
    visit: { visitId: 'v', tabId: 1, url, site, startedAt: 0 },
    findings: finaliseVisit({ visitId: 'v', tabId: 1, url, site, startedAt: 0 }, findings, ASSESSORS),
    tool: { version: '0.1.0', browser: 'chromium 156' },
    now: new Date('2026-11-23T12:00:00.000Z'),
  });
}
