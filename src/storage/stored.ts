// The popup's read path: the few rows it shows, read with the browser's own IndexedDB API instead of
// Dexie, so that opening the popup loads no database library and runs no schema code. It only ever
// reads: the worker's Dexie (src/storage/db.ts) creates, upgrades and writes the database. Opening
// never creates a database that does not exist yet, and a connection gives way at once when the
// worker upgrades the schema (a held connection would block the upgrade).
//
// Live updates come from Dexie's own change channel: every Dexie write, in the worker, the dashboard
// or anywhere in the extension, posts the tables it changed on a BroadcastChannel of this name, which
// any page of the extension can listen to without loading Dexie (tests/unit/stored-read.test.ts pins
// the name and the message shape to the Dexie version in use).
import type { StoredFinding } from '../model/finding';
import type { KeyValueRow, ReportRow, TabRow, VisitRow } from './db';

export const DB_NAME = 'candor';
export const CHANGES_CHANNEL = 'x-storagemutated-1';

const opened = new Map<string, Promise<IDBDatabase | null>>();

/** The database as the worker left it, or null when there is none yet (nothing was ever stored). */
export function openStored(name = DB_NAME): Promise<IDBDatabase | null> {
  let p = opened.get(name);
  if (!p) {
    p = new Promise<IDBDatabase | null>((resolve) => {
      let req: IDBOpenDBRequest;
      try {
        req = indexedDB.open(name);
      } catch {
        return resolve(null);
      }
      // no database yet: abort, so that none is created here without the worker's schema
      req.onupgradeneeded = () => req.transaction?.abort();
      req.onsuccess = () => {
        const db = req.result;
        db.onversionchange = () => {
          db.close();
          if (opened.get(name) === p) opened.delete(name);
        };
        resolve(db);
      };
      req.onerror = (e) => {
        e.preventDefault();
        resolve(null);
      };
    });
    opened.set(name, p);
    // nothing to read yet: the next read tries again (the worker may have created it meanwhile)
    void p.then((db) => {
      if (!db && opened.get(name) === p) opened.delete(name);
    });
  }
  return p;
}

function done<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** A read-only transaction over the named stores that exist; `fn` gets a getter per store. */
export async function readStores<T>(
  db: IDBDatabase,
  stores: readonly string[],
  fn: (s: (name: string) => IDBObjectStore | null) => Promise<T>,
): Promise<T> {
  const have = stores.filter((n) => db.objectStoreNames.contains(n));
  if (have.length === 0) return fn(() => null);
  const tx = db.transaction(have, 'readonly');
  return fn((name) => (have.includes(name) ? tx.objectStore(name) : null));
}

export async function getRow<T>(store: IDBObjectStore | null, key: IDBValidKey): Promise<T | undefined> {
  return store ? ((await done(store.get(key))) as T | undefined) : undefined;
}

export async function rowsByIndex<T>(store: IDBObjectStore | null, index: string, key: IDBValidKey): Promise<T[]> {
  if (!store || !store.indexNames.contains(index)) return [];
  return (await done(store.index(index).getAll(key))) as T[];
}

export async function allRows<T>(store: IDBObjectStore | null): Promise<T[]> {
  return store ? ((await done(store.getAll())) as T[]) : [];
}

export interface StoredVisit {
  visit: VisitRow;
  /** the visit's finalised findings (its report row) */
  findings: StoredFinding[];
}

/**
 * The current visit of a tab with its report row, in one transaction: the tab's row, then its visit
 * and report row by primary key. A visit without a report row (written by an older version) falls
 * back to its finding rows by the visitId index, as they are.
 */
export function readTabVisit(db: IDBDatabase, tabId: number): Promise<StoredVisit | null> {
  return readStores(db, ['tabs', 'visits', 'reports', 'findings'], async (s) => {
    const tab = await getRow<TabRow>(s('tabs'), tabId);
    if (!tab) return null;
    const [visit, report] = await Promise.all([getRow<VisitRow>(s('visits'), tab.visitId), getRow<ReportRow>(s('reports'), tab.visitId)]);
    if (!visit) return null;
    return { visit, findings: report ? report.findings : await rowsByIndex<StoredFinding>(s('findings'), 'visitId', tab.visitId) };
  });
}

export function readSettingRows(db: IDBDatabase): Promise<KeyValueRow[]> {
  return readStores(db, ['settings'], (s) => allRows<KeyValueRow>(s('settings')));
}

/** Whether a message on CHANGES_CHANNEL says that one of `tables` of database `name` changed. */
export function touches(data: unknown, tables: readonly string[], name = DB_NAME): boolean {
  if (!data || typeof data !== 'object') return false;
  const prefix = `idb://${name}/`;
  return Object.keys(data).some((k) => k.startsWith(prefix) && (tables.length === 0 || tables.includes(k.slice(prefix.length).split('/')[0] ?? '')));
}

/**
 * Calls `onChange` whenever another context's Dexie writes to one of `tables` (all, when empty).
 * Returns the unsubscribe function.
 */
export function onStoredChange(tables: readonly string[], onChange: () => void, name = DB_NAME): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const bc = new BroadcastChannel(CHANGES_CHANNEL);
  bc.onmessage = (ev: MessageEvent) => {
    if (touches(ev.data, tables, name)) onChange();
  };
  return () => bc.close();
}
