import type { CandorDb } from './db';

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
}

export const DEFAULT_SETTINGS: Settings = {
  privateWindows: false,
  retentionDays: 90,
  gpcAll: false,
  gpcSites: [],
  gpcWellKnownCheck: true,
  alwaysRejectSites: [],
  blocked: {},
};

export async function getSettings(db: CandorDb): Promise<Settings> {
  const rows = await db.settings.toArray();
  const out = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
  for (const r of rows) if (r.key in out) out[r.key] = r.value;
  return out as unknown as Settings;
}

export async function setSetting<K extends keyof Settings>(db: CandorDb, key: K, value: Settings[K]): Promise<void> {
  await db.settings.put({ key, value });
}
