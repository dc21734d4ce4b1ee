import { describe, expect, it } from 'vitest';
import vectors from './vectors/classification.json';
import { trackersDetector } from '../../src/detectors/trackers';
import { ctxFor, req } from './helpers';

describe('request classification (table-driven, tests/unit/vectors/classification.json)', () => {
  for (const c of vectors.cases) {
    it(`${c.request} on ${c.page}`, () => {
      const ctx = ctxFor(c.page);
      const host = new URL(c.request).hostname.toLowerCase().replace(/\.$/, '');
      if ('expectThirdParty' in c) expect(ctx.isThirdParty(host)).toBe(c.expectThirdParty);
      if ('skipTracker' in c) return;
      const out = trackersDetector.onRequest!(req(c.request), ctx);
      if (c.tracker === null) {
        expect(out).toEqual([]);
      } else {
        expect(out).toHaveLength(1);
        expect(out[0]).toMatchObject({ kind: 'tracker', source: 'network', confidence: 'certain', ...c.tracker });
        expect(out[0]!.evidence[0]!.url).toBe(c.request);
      }
    });
  }

  it('never reports the page itself (main_frame) or a response-phase observation', () => {
    const ctx = ctxFor('https://shop.example/');
    expect(trackersDetector.onRequest!(req('https://www.google-analytics.com/', { type: 'main_frame' }), ctx)).toEqual([]);
    expect(trackersDetector.onRequest!(req('https://www.google-analytics.com/collect', { phase: 'response' }), ctx)).toEqual([]);
  });
});
