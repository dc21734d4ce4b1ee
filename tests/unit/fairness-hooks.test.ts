// The MAIN-world experiment reader over SDK state shapes (no DOM needed: it takes the window object).
import { describe, expect, it, vi } from 'vitest';
import { readExperiments } from '../../src/observe/reads/experiments';

describe('readExperiments', () => {
  it('reads the experiments each SDK exposes', () => {
    const w = {
      _growthbook: { getAllResults: () => new Map([['checkout-test', { experiment: {}, result: { key: 'green', inExperiment: true } }], ['holdout', { result: { key: '0', inExperiment: false } }]]) },
      optimizely: { get: (what: string) => (what === 'state' ? { getVariationMap: () => ({ '2401': { id: '77', name: 'Variation #1' } }) } : undefined) },
      _vwo_exp_ids: [12], _vwo_exp: { 12: { combination_chosen: '2' } },
      ABTasty: { results: { 556: { variationName: 'B', variationID: 9 } } },
      convert: { currentData: { experiments: { 1003: { variation_name: 'Var 1' } } } },
      dataLayer: [{ event: 'gtm.js' }, { event: 'experiment_viewed', experiment_id: 'hero', variation_id: '1' }],
    };
    const { reads } = readExperiments(w);
    expect(reads.map((r) => [r.vendor, r.experiments])).toEqual([
      ['growthbook', [{ id: 'checkout-test', variant: 'green' }]],
      ['optimizely', [{ id: '2401', variant: 'Variation #1' }]],
      ['vwo', [{ id: '12', variant: '2' }]],
      ['ab-tasty', [{ id: '556', variant: 'B' }]],
      ['convert', [{ id: '1003', variant: 'Var 1' }]],
      ['datalayer', [{ id: 'hero', variant: '1' }]],
    ]);
  });
  it('a page without SDKs, or with hostile objects, gives nothing and never throws', () => {
    expect(readExperiments({}).reads).toEqual([]);
    const hostile = { get _growthbook() { throw new Error('x'); }, optimizely: { get: () => { throw new Error('y'); } }, dataLayer: 'not an array' };
    expect(() => readExperiments(hostile)).not.toThrow();
    expect(readExperiments(hostile).reads).toEqual([]);
  });

  it('reads VWO experiment cookies where VWO runs, and does not touch document.cookie elsewhere', () => {
    let reads = 0;
    const g = globalThis as unknown as { document?: unknown };
    const saved = g.document;
    g.document = {
      get cookie() {
        reads++;
        return 'sid=abc; _vis_opt_exp_31_combi=2';
      },
      documentElement: { classList: { contains: () => false } },
      getElementById: () => null,
      querySelector: () => null,
    };
    try {
      expect(readExperiments({ _vwo_code: {} }).reads).toEqual([{ vendor: 'vwo', experiments: [{ id: '31', variant: '2' }], via: 'cookie _vis_opt_exp_*_combi' }]);
      expect(reads).toBe(1);
      expect(readExperiments({}).reads).toEqual([]);
      expect(reads).toBe(1);
    } finally {
      g.document = saved;
    }
  });
});

describe('installExperimentsProbe', () => {
  it('reads GrowthBook right after it announces its features, however late that is', async () => {
    vi.useFakeTimers();
    vi.resetModules();
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = { window: g.window, document: g.document };
    const results = new Map<string, unknown>();
    const win = Object.assign(new EventTarget(), { _growthbook: { getAllResults: () => results } });
    const doc = Object.assign(new EventTarget(), {
      readyState: 'complete',
      cookie: '',
      documentElement: { classList: { contains: () => false } },
      getElementById: () => null,
      querySelector: () => null,
    });
    const sent: string[] = [];
    win.addEventListener('candor:reads', (e) => sent.push(String((e as CustomEvent).detail)));
    g.window = win;
    g.document = doc;
    try {
      const { READS } = await import('../../src/observe/bridge');
      expect(READS).toBe('candor:reads');
      const { installExperimentsProbe } = await import('../../src/observe/reads/experiments');
      installExperimentsProbe();
      await vi.advanceTimersByTimeAsync(10_000); // every timed read has run: the SDK had no results yet
      expect(sent.join('')).not.toContain('price-anchor-test');
      // the features arrive late; the page's own handler evaluates its experiment, then ours reads
      doc.addEventListener('growthbookdata', () => results.set('price-anchor-test', { result: { key: '1', inExperiment: true } }));
      doc.dispatchEvent(new Event('growthbookdata'));
      await vi.advanceTimersByTimeAsync(1000);
      expect(sent.join('')).toContain('price-anchor-test');
    } finally {
      g.window = saved.window;
      g.document = saved.document;
      vi.useRealTimers();
    }
  });
});
