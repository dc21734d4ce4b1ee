// The MAIN-world experiment reader over SDK state shapes (no DOM needed: it takes the window object).
import { describe, expect, it } from 'vitest';
import { readExperiments } from '../../src/observe/hooks/experiments';

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
