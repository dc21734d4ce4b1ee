// The retention sweep: once at start-up and then daily (an alarm, because an MV3 worker does not live
// long enough for a timer), delete visits, findings, prices and sightings older than the setting.
import type { WxtBrowser } from 'wxt/browser';
import type { CandorDb } from '../storage/db';
import { sweepExpired } from '../storage/history';
import { getSettings } from '../storage/settings';

export const RETENTION_ALARM = 'candor-retention';

export async function runRetention(db: CandorDb, now = Date.now()): Promise<void> {
  const { retentionDays } = await getSettings(db);
  const r = await sweepExpired(db, retentionDays, now);
  if (r.visits) console.info(`[candor] retention: deleted ${r.visits} visits older than ${retentionDays} days`);
}

/** Registers the alarm listener synchronously (first tick, docs/contributing.md), then schedules the alarm. */
export function startRetention(db: CandorDb, browser: WxtBrowser): void {
  browser.alarms.onAlarm.addListener((a) => {
    if (a.name === RETENTION_ALARM) void runRetention(db).catch((e) => console.error('[candor] retention', e));
  });
  void browser.alarms
    .get(RETENTION_ALARM)
    .then(async (a) => {
      if (!a) await browser.alarms.create(RETENTION_ALARM, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
    })
    .catch((e) => console.error('[candor] retention alarm', e));
  void runRetention(db).catch((e) => console.error('[candor] retention', e));
}
