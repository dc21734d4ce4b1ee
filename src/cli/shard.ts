// Sharding a URL list over machines (`--shard I/N`). A URL's shard depends only on its site and N,
// never on the list's order or length, so N independent runs over the same list partition it exactly
// and a shard can be re-run on its own. Hashing the site (not the whole URL) keeps every URL of a site
// in one shard, where they share one browser profile: a URL given twice stays a revisit.
import { createHash } from 'node:crypto';
import { getDomain } from 'tldts';

export interface Shard {
  /** 1-based, like Playwright's --shard */
  index: number;
  total: number;
}

export function parseShard(s: string): Shard | null {
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1 || index < 1 || index > total) return null;
  return { index, total };
}

/** The registrable domain a URL belongs to (eTLD+1), its host name when there is none, or the text itself. */
export function siteKey(url: string): string {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return getDomain(host, { allowPrivateDomains: true }) ?? host;
  } catch {
    return url.trim();
  }
}

/** 1…total for this URL. SHA-256 so the split is the same on every machine and Node version. */
export function shardOf(url: string, total: number): number {
  return bucketOf(siteKey(url), total);
}

/**
 * 1…total for a key. `salt` gives an independent split: the browser a site goes to within a shard
 * must not follow from its shard, or `--shard 1/2 --concurrency 2` would send every site to one.
 */
export function bucketOf(key: string, total: number, salt = ''): number {
  const h = createHash('sha256').update(salt + key).digest();
  return (h.readUInt32BE(0) % total) + 1;
}

/** Indices (into urls) of the URLs that belong to the shard, in list order. */
export function pickShard(urls: readonly string[], shard: Shard): number[] {
  const out: number[] = [];
  urls.forEach((u, i) => {
    if (shardOf(u, shard.total) === shard.index) out.push(i);
  });
  return out;
}
