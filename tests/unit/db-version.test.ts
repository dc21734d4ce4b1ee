// A database newer than the code (an update rolled back): the code says so and changes nothing.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CandorDb, DB_VERSION, DatabaseTooNewError, tooNew } from '../../src/storage/db';
import { deleteSite, wipeHistory } from '../../src/storage/history';

/** What a future Candor would leave: every table of today plus one more, at schema DB_VERSION + 1. */
async function newerDatabase(name: string): Promise<void> {
  const future = new Dexie(name);
  const today = new CandorDb(`${name}-shape`);
  const stores = Object.fromEntries(today.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ')]));
  future.version(DB_VERSION + 1).stores({ ...stores, somethingNew: '&id' });
  await future.open();
  await future.table('sites').put({ site: 'kept.example', firstSeen: 1, lastSeen: 2, visits: 3, lastUrl: 'https://kept.example/', lastVisitId: 'v-new' });
  await future.table('somethingNew').put({ id: 'x', shape: 'of tomorrow' });
  future.close();
}

async function rawContents(name: string) {
  const raw = new Dexie(name);
  await raw.open(); // no declared schema: opens at whatever version is there, changing nothing
  const out = { version: raw.verno, tables: Object.fromEntries(await Promise.all(raw.tables.map(async (t) => [t.name, await t.toArray()] as const))) };
  raw.close();
  return out;
}

describe('a database newer than the code', () => {
  it('DB_VERSION is the schema version the code declares', () => {
    expect(new CandorDb('version-probe').verno).toBe(DB_VERSION);
  });

  it('is not opened: reads, writes and deletion all fail with a message that says why, and nothing changes', async () => {
    await newerDatabase('too-new');
    const before = await rawContents('too-new');
    expect(before.version).toBe(DB_VERSION + 1);
    const db = new CandorDb('too-new');
    const attempts = [
      db.open(),
      db.sites.toArray(),
      db.sites.put({ site: 'new.example', firstSeen: 1, lastSeen: 1, visits: 1, lastUrl: '', lastVisitId: '' }),
      deleteSite(db, 'kept.example'),
      wipeHistory(db),
    ];
    for (const p of attempts) {
      const err = await p.then(() => null, (e: unknown) => e);
      const why = tooNew(err);
      expect(why).toBeInstanceOf(DatabaseTooNewError);
      expect(why!.message).toContain(`written by a newer version of Candor (database version ${DB_VERSION + 1}; this version reads up to ${DB_VERSION}). Nothing was changed or deleted. Update Candor`);
    }
    db.close();
    expect(await rawContents('too-new')).toEqual(before);
  });

  it('the current version and older ones still open (negative)', async () => {
    const db = new CandorDb('current');
    await db.sites.put({ site: 'a.example', firstSeen: 1, lastSeen: 1, visits: 1, lastUrl: '', lastVisitId: '' });
    db.close();
    const again = new CandorDb('current');
    expect(await again.sites.count()).toBe(1);
    expect(tooNew(new Error('other'))).toBeNull();
  });
});

describe('the person is told', () => {
  it('the worker’s status answer carries the message, and the popup’s banner shows it as is', async () => {
    const { coreHandlers } = await import('../../src/background/handlers/core');
    const { storageProblem } = await import('../../src/ui/StorageBanner');
    await newerDatabase('too-new-status');
    const db = new CandorDb('too-new-status');
    const handlers = coreHandlers({ db, engine: { writer: { lastError: null } } } as never);
    const { writeError } = await handlers['status/get']!({ type: 'status/get' } as never, {} as never);
    expect(writeError?.name).toBe('DatabaseTooNewError');
    expect(storageProblem(writeError)).toMatch(/^Candor’s saved history was written by a newer version of Candor .* Nothing was changed or deleted\./);
    // negative: a database of today's version reports no problem
    const ok = coreHandlers({ db: new CandorDb('status-ok'), engine: { writer: { lastError: null } } } as never);
    expect((await ok['status/get']!({ type: 'status/get' } as never, {} as never)).writeError).toBeNull();
  }, 60_000);
});
