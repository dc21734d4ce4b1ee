// A tracker the browser blocked (the person's block rule, or another content blocker) tried to load
// but was told nothing: the report must say so and not count it against the site's privacy score.
import { describe, expect, it } from 'vitest';
import { mergeDraft } from '../../src/background/merge';
import { blockedDetector } from '../../src/detectors/blocked';
import { trackersDetector } from '../../src/detectors/trackers';
import { deriveTrackingBeforeConsent } from '../../src/detectors/tracking-before-consent';
import type { StoredFinding } from '../../src/model/finding';
import { isBlockedByClient } from '../../src/observe/network';
import { buildReport as buildSiteReport } from './build-report';
import { ctxFor, req, visitFor } from './helpers';

const PAGE = 'https://www.shop.example/';
const ctx = ctxFor(PAGE);
const visit = visitFor(PAGE);
const tool = { version: '0.1.0', browser: 'chromium' };
const GA = 'https://www.google-analytics.com/collect?v=1&dl=https%3A%2F%2Fwww.shop.example%2F';

/** the engine's merge of every draft, in order */
function store(...obs: ReturnType<typeof req>[]): StoredFinding[] {
  const byKey = new Map<string, StoredFinding>();
  let now = 1;
  for (const o of obs) {
    for (const d of [...trackersDetector.onRequest!(o, ctx), ...blockedDetector.onRequest!(o, ctx)]) byKey.set(d.key, mergeDraft(byKey.get(d.key), d, visit, now++));
  }
  return [...byKey.values()];
}

describe('blocked tracker requests', () => {
  it('recognises Chrome’s blocked-by-client error and nothing else', () => {
    expect(isBlockedByClient('net::ERR_BLOCKED_BY_CLIENT')).toBe(true);
    expect(isBlockedByClient('net::ERR_ABORTED')).toBe(false);
    expect(isBlockedByClient('net::ERR_NAME_NOT_RESOLVED')).toBe(false);
    expect(isBlockedByClient(undefined)).toBe(false);
  });

  it('a blocked attempt is not a second sighting: the count stays, the blocked count goes up', () => {
    const [f] = store(req(GA), req(GA, { phase: 'blocked' }));
    expect(f).toMatchObject({ kind: 'tracker', vendor: 'Google Analytics', count: 1 });
    expect(f!.details.blockedRequests).toBe(1);
  });

  it('every request blocked: said plainly, no points taken, not in who gets your data, not blamed for tracking before consent', () => {
    const findings = store(req(GA), req(GA, { phase: 'blocked' }), req(GA), req(GA, { phase: 'blocked' }));
    const r = buildSiteReport({ visit, tool, findings });
    const f = r.findings.find((x) => x.kind === 'tracker')!;
    expect(f.title).toMatch(/blocked in your browser/);
    expect(f.why).toMatch(/2 requests .* were stopped/);
    expect(f.assessment).toBe('good');
    expect(r.principles.privacy.score).toBe(100);
    expect(r.dataUse).toEqual([]);
    const banner = { ...findings[0]!, kind: 'consent-banner' as const, key: 'consent-banner', details: { shown: true } };
    expect(deriveTrackingBeforeConsent([...findings, banner])).toEqual([]);
  });

  it('some requests got through: still a tracker that was told about the visit', () => {
    const findings = store(req(GA), req(GA), req(GA, { phase: 'blocked' }));
    const r = buildSiteReport({ visit, tool, findings });
    const f = r.findings.find((x) => x.kind === 'tracker')!;
    expect(f.title).not.toMatch(/blocked/);
    expect(f.assessment).toBe('concern');
    expect(r.principles.privacy.score).toBeLessThan(100);
    expect(r.dataUse.map((d) => d.company)).toEqual(['Google']);
  });

  it('a blocked request to the site itself or to a non-tracker is not reported', () => {
    expect(blockedDetector.onRequest!(req('https://cdn.shop.example/app.js', { phase: 'blocked' }), ctx)).toEqual([]);
    expect(blockedDetector.onRequest!(req('https://fonts.example-cdn.org/a.woff', { phase: 'blocked' }), ctx)).toEqual([]);
    expect(blockedDetector.onRequest!(req(GA), ctx)).toEqual([]);
  });
});
