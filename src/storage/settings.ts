import type { CandorDb, KeyValueRow } from './db';

export interface Settings {
  /** observe and store in private windows (off by default: docs/design.md) */
  privateWindows: boolean;
  /** days findings and visits are kept */
  retentionDays: number;
  /** send Global Privacy Control (Sec-GPC header + navigator.globalPrivacyControl) on every site */
  gpcAll: boolean;
  /** sites (eTLD+1) GPC is sent to when gpcAll is off */
  gpcSites: string[];
  /** fetch a site's /.well-known/gpc.json (at most once per site per day): the only request Candor makes by itself */
  gpcWellKnownCheck: boolean;
  /** sites whose consent banner is rejected automatically (autoconsent opt-out) on every visit */
  alwaysRejectSites: string[];
  /** site -> tracker category -> blocked domains (declarativeNetRequest dynamic rules, undoable) */
  blocked: Record<string, Record<string, string[]>>;
  /** site -> company -> its blocked domains (a company card's block button; same rules, undoable) */
  blockedCompanies: Record<string, Record<string, string[]>>;
}

export const DEFAULT_SETTINGS: Settings = {
  privateWindows: false,
  retentionDays: 90,
  gpcAll: false,
  gpcSites: [],
  gpcWellKnownCheck: true,
  alwaysRejectSites: [],
  blocked: {},
  blockedCompanies: {},
};

export async function getSettings(db: CandorDb): Promise<Settings> {
  return settingsOf(await db.settings.toArray());
}

/** The settings the stored rows hold, defaults for the rest (rows of unknown keys are ignored). */
export function settingsOf(rows: readonly KeyValueRow[]): Settings {
  const out = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
  for (const r of rows) if (r.key in out) out[r.key] = r.value;
  return out as unknown as Settings;
}

export async function setSetting<K extends keyof Settings>(db: CandorDb, key: K, value: Settings[K]): Promise<void> {
  await db.settings.put({ key, value });
}
