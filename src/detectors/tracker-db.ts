// Hostname -> tracker identity: a hash lookup on the host and its parents, never a list scan (docs/design.md).
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
  // Match objects are built once here, so a lookup allocates nothing: it is a Map probe per label.
  const ents = index.entities;
  const build = (rec: Record<string, number>) =>
    new Map(Object.entries(rec).map(([host, i]) => [host, Object.freeze({ ...ents[i]!, matched: host })]));
  const suffixes = build(index.suffixes);
  const exact = build(index.exact);
  return {
    version: index.version,
    lookup(rawHost: string): TrackerMatch | null {
      let host = rawHost;
      const last = host.charCodeAt(host.length - 1);
      if (last === 46 /* trailing dot */ || /[A-Z]/.test(host)) host = host.toLowerCase().replace(/\.$/, '');
      const ex = exact.get(host);
      if (ex !== undefined) return ex;
      let h = host;
      for (;;) {
        const s = suffixes.get(h);
        if (s !== undefined) return s;
        const dot = h.indexOf('.');
        if (dot < 0) return null;
        h = h.slice(dot + 1);
      }
    },
  };
}
