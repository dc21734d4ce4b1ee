// The one Dexie database. Schema changes only ever add a version with an upgrade; version 1 is kept
// forever in tests/fixtures/db-v1 so every upgrade path stays tested.
import Dexie, { type EntityTable } from 'dexie';
import type { StoredFinding } from '../model/finding';

export interface SiteRow {
  site: string;
  firstSeen: number;
  lastSeen: number;
  visits: number;
  lastUrl: string;
  lastVisitId: string;
}

export interface VisitRow {
  id: string;
  site: string;
  url: string;
  tabId: number;
  startedAt: number;
  /** trackers seen in this visit, kept current for the badge and the dashboard */
  trackerCount: number;
  findingCount: number;
  /** distinct findings not stored because the visit reached its cap (src/background/caps.ts) */
  dropped?: number;
}

export interface TabRow {
  tabId: number;
  visitId: string;
}

export interface PriceRow {
  /** `${site}|${productKey}|${at}` */
  id: string;
  site: string;
  productKey: string;
  product: string;
  price: number;
  currency: string;
  url: string;
  at: number;
  visitId: string;
}

/** third party seen setting/reading identifiers on a first-party site (Privacy Badger's heuristic) */
export interface SightingRow {
  /** `${thirdParty}|${site}` */
  id: string;
  thirdParty: string;
  site: string;
  at: number;
  evidence: string;
}

export interface KeyValueRow {
  key: string;
  value: unknown;
}

export class CandorDb extends Dexie {
  sites!: EntityTable<SiteRow, 'site'>;
  visits!: EntityTable<VisitRow, 'id'>;
  findings!: EntityTable<StoredFinding, 'id'>;
  tabs!: EntityTable<TabRow, 'tabId'>;
  prices!: EntityTable<PriceRow, 'id'>;
  sightings!: EntityTable<SightingRow, 'id'>;
  settings!: EntityTable<KeyValueRow, 'key'>;
  meta!: EntityTable<KeyValueRow, 'key'>;

  constructor(name = 'candor') {
    super(name);
    this.version(1).stores({
      sites: '&site, lastSeen',
      visits: '&id, site, tabId, startedAt, [site+startedAt]',
      findings: '&id, visitId, site, kind, lastAt',
      tabs: '&tabId',
      prices: '&id, site, productKey, at, [site+productKey]',
      sightings: '&id, thirdParty, site',
      settings: '&key',
      meta: '&key',
    });
  }
}

let shared: CandorDb | undefined;
/** The database every part of the extension uses (background, popup, dashboard). */
export function getDb(): CandorDb {
  shared ??= new CandorDb();
  return shared;
}
