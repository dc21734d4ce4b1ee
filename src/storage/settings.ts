import type { CandorDb } from './db';

export interface Settings {
  /** observe and store in private windows (off by default: DESIGN.md) */
  privateWindows: boolean;
  /** days findings and visits are kept */
  retentionDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  privateWindows: false,
  retentionDays: 90,
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
