import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, parseShard, pickShard, shardOf, siteKey } from '../../../src/cli/shard';

const urls = Array.from({ length: 500 }, (_, i) => `https://site${i}.example/${i % 3 ? 'page' : ''}`);

describe('--shard I/N', () => {
  it('partitions the list exactly: every URL in one shard, none lost', () => {
    for (const total of [1, 2, 3, 7]) {
      const picked = Array.from({ length: total }, (_, k) => pickShard(urls, { index: k + 1, total }));
      const all = picked.flat().sort((a, b) => a - b);
      expect(all).toEqual(urls.map((_, i) => i));
      // shards are not degenerate: each gets a share of a 500-site list
      for (const p of picked) expect(p.length).toBeGreaterThan(500 / total / 2);
    }
  });

  it('does not depend on list order or on the other URLs', () => {
    const full = new Map<number, Set<string | undefined>>();
    for (let t = 1; t <= 9; t++) full.set(t, new Set(pickShard(urls, { index: 1, total: t }).map((i) => urls[i])));
    fc.assert(
      fc.property(fc.shuffledSubarray(urls, { minLength: 1 }), fc.integer({ min: 1, max: 9 }), (sub, total) => {
        for (const u of sub) expect(shardOf(u, total)).toBe(shardOf(u, total));
        const inShard1 = new Set(pickShard(sub, { index: 1, total }).map((i) => sub[i]));
        const fromFull = full.get(total)!;
        for (const u of sub) expect(inShard1.has(u)).toBe(fromFull.has(u));
      }),
      { numRuns: 50 },
    );
  });

  it('is stable across runs and machines (a fixed hash, not a random seed)', () => {
    // sha256("example.com") starts with a379a6f6: 0xa379a6f6 % 4 = 2 → shard 3
    expect(shardOf('https://example.com/', 4)).toBe((0xa379a6f6 % 4) + 1);
  });

  it('keeps every URL of a site in one shard, so revisits stay in one profile', () => {
    const site = ['https://www.shop.example/', 'https://shop.example/cart', 'http://m.shop.example/p/1'];
    expect(new Set(site.map(siteKey))).toEqual(new Set(['shop.example']));
    expect(new Set(site.map((u) => shardOf(u, 5))).size).toBe(1);
  });

  it('the browser a site gets under --profile does not follow from its shard', () => {
    const inShard1 = pickShard(urls, { index: 1, total: 2 }).map((i) => siteKey(urls[i]!));
    const workers = new Set(inShard1.map((k) => bucketOf(k, 2, 'worker:')));
    expect(workers).toEqual(new Set([1, 2]));
  });

  it('parses I/N, 1-based', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, total: 1 });
    expect(parseShard('3/8')).toEqual({ index: 3, total: 8 });
    for (const bad of ['0/2', '3/2', '1/0', '1-2', '', 'a/b']) expect(parseShard(bad)).toBeNull();
  });
});
