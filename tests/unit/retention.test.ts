import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { RETENTION_ALARM, startRetention } from '../../src/background/retention';
import { CandorDb } from '../../src/storage/db';
import { setSetting } from '../../src/storage/settings';
import { OLD_SITE, historyFixture } from '../fixtures/history';

const DAY = 86_400_000;
let n = 0;

describe('the background retention sweep', () => {
  beforeEach(() => fakeBrowser.reset());

  it('schedules a daily alarm and, when it fires, deletes history older than the setting', async () => {
    const db = new CandorDb(`retention-${n++}`);
    const h = historyFixture(Date.now());
    await db.visits.bulkPut(h.visits);
    await db.sites.bulkPut(h.sites);
    await db.findings.bulkPut(h.findings);
    await setSetting(db, 'retentionDays', 365);
    startRetention(db, fakeBrowser as never);
    await expect.poll(() => fakeBrowser.alarms.get(RETENTION_ALARM)).toMatchObject({ periodInMinutes: 24 * 60 });
    // nothing is older than a year: the start-up sweep keeps everything
    expect(await db.sites.get(OLD_SITE)).toBeDefined();

    await setSetting(db, 'retentionDays', 30);
    await fakeBrowser.alarms.onAlarm.trigger({ name: RETENTION_ALARM, scheduledTime: Date.now() });
    await expect.poll(async () => db.sites.get(OLD_SITE)).toBeUndefined();
    expect(await db.visits.where('startedAt').below(Date.now() - 30 * DAY).count()).toBe(0);
    expect(await db.sites.count()).toBe(h.sites.length - 1);
  });

  it('keeps 90 days by default', async () => {
    const db = new CandorDb(`retention-${n++}`);
    const now = Date.now();
    await db.visits.bulkPut([
      { id: 'old', site: 'a.example', url: 'https://a.example/', tabId: 1, startedAt: now - 91 * DAY, trackerCount: 0, findingCount: 0 },
      { id: 'new', site: 'b.example', url: 'https://b.example/', tabId: 1, startedAt: now - 89 * DAY, trackerCount: 0, findingCount: 0 },
    ]);
    startRetention(db, fakeBrowser as never);
    await expect.poll(async () => (await db.visits.toArray()).map((v) => v.id)).toEqual(['new']);
  });
});
