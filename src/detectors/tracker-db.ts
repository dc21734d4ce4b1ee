// Hostname -> tracker identity: a hash lookup on the host and its parents, never a list scan (DESIGN.md).
import type { IndexedEntity, TrackerIndex } from './tracker-index-build';

export interface TrackerMatch extends IndexedEntity {
  /** the suffix or exact host that matched, e.g. "google-analytics.com" */
  matched: string;
}

export interface TrackerDb {
  lookup(host: string): TrackerMatch | null;
  readonly version: string;
}

export function createTrackerDb(index: TrackerIndex): TrackerDb {
  const suffixes = new Map(Object.entries(index.suffixes));
  const exact = new Map(Object.entries(index.exact));
  const ents = index.entities;
  return {
    version: index.version,
    lookup(rawHost: string): TrackerMatch | null {
      const host = rawHost.toLowerCase().replace(/\.$/, '');
      const ex = exact.get(host);
      if (ex !== undefined) return { ...ents[ex]!, matched: host };
      let h = host;
      for (;;) {
        const s = suffixes.get(h);
        if (s !== undefined) return { ...ents[s]!, matched: h };
        const dot = h.indexOf('.');
        if (dot < 0) return null;
        h = h.slice(dot + 1);
      }
    },
  };
}
