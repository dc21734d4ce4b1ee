// Turns third-party-web entities + our catalog into a compact hostname index (build time only).
import type { TrackerCategory } from '../model/finding';
import type { CatalogEntry } from '../catalog/schema';

export interface TpwEntity {
  name: string;
  company?: string;
  category: string;
  domains: string[];
}

export interface IndexedEntity {
  name: string;
  company: string;
  /** null: a known third party that is not a tracker (CDN, hosting, fonts, libraries) */
  category: TrackerCategory | null;
  /** catalog entry id when the entity comes from our catalog */
  catalogId?: string;
  source: string;
}

export interface TrackerIndex {
  version: string;
  entities: IndexedEntity[];
  /** host suffix -> entity index; matches the host and all its subdomains */
  suffixes: Record<string, number>;
  /** exact host -> entity index */
  exact: Record<string, number>;
}

/**
 * third-party-web's categories mapped to docs/report.md's tracker categories. Infrastructure (cdn, hosting,
 * utility, content, tag-manager) is not a tracker by itself: counting jsDelivr or Google Fonts as
 * "tracking you" would cost trust. Tag managers only load trackers, which are then seen themselves.
 */
export const TPW_CATEGORY: Record<string, TrackerCategory | null> = {
  ad: 'advertising',
  analytics: 'analytics',
  social: 'social',
  'customer-success': 'customer-interaction',
  marketing: 'other',
  'consent-provider': 'consent',
  video: 'other',
  other: 'other',
  cdn: null,
  hosting: null,
  utility: null,
  content: null,
  'tag-manager': null,
};

export function buildTrackerIndex(tpw: TpwEntity[], catalog: CatalogEntry[], tpwSource: string): TrackerIndex {
  const entities: IndexedEntity[] = [];
  const suffixes: Record<string, number> = {};
  const exact: Record<string, number> = {};
  for (const e of tpw) {
    const idx = entities.push({
      name: e.name,
      company: e.company ?? e.name,
      category: e.category in TPW_CATEGORY ? TPW_CATEGORY[e.category]! : 'other',
      source: tpwSource,
    }) - 1;
    for (const d of e.domains) {
      const host = d.toLowerCase();
      if (host.startsWith('*.')) suffixes[host.slice(2)] = idx;
      else exact[host] = idx;
    }
  }
  // Our catalog wins conflicts (Hotjar is session replay, not "analytics").
  for (const c of catalog) {
    if (c.hosts.length === 0) continue;
    // Privacy-friendly analytics (Matomo Cloud, Plausible, Fathom …) are not a third-party tracker:
    // they count visits for the site alone and are credited as first-party-analytics instead
    // (docs/design.md: "privacy-friendly analytics instead of third-party trackers"). Category null
    // keeps their hosts known (the vendors detector still finds them) without a tracker finding.
    const category = c.roles.includes('privacy-friendly-analytics') ? null : c.category;
    const idx = entities.push({ name: c.vendor, company: c.company, category, catalogId: c.id, source: c.source }) - 1;
    for (const h of c.hosts) {
      suffixes[h] = idx;
      delete exact[h];
    }
  }
  return { version: tpwSource, entities, suffixes, exact };
}
