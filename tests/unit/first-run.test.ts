// The first run through the real background wiring (startBackground) with a fake browser: the install
// opens the welcome page once; an update, a restart, or a reinstall onto kept data opens nothing.
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackground } from '../../src/background/main';
import { onInstalled, WELCOMED_KEY } from '../../src/background/first-run';
import { getDb } from '../../src/storage/db';

type Installed = (d: { reason: string }) => void;
let installed: Installed[];
let created: string[];

async function start() {
  installed = [];
  created = [];
  fakeBrowser.reset();
  vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 Chrome/156.0.0.0' });
  const event = () => ({ addListener() {}, removeListener() {}, hasListener: () => true });
  Object.assign(fakeBrowser, {
    webRequest: { onBeforeRequest: event(), onHeadersReceived: event(), onErrorOccurred: event() },
    action: { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {} },
  });
  Object.assign(fakeBrowser.runtime, { id: 'candor-test' });
  vi.spyOn(fakeBrowser.runtime.onInstalled, 'addListener').mockImplementation(((l: Installed) => void installed.push(l)) as never);
  fakeBrowser.tabs.create = (async (o: { url: string }) => (created.push(o.url), { id: 40 + created.length })) as never;
  startBackground();
}

const settled = () => (globalThis as unknown as { candor: { firstRun: Promise<number | null> } }).candor.firstRun;

beforeEach(async () => {
  const db = getDb();
  await db.open();
  await Promise.all(db.tables.map((t) => t.clear()));
});

describe('first run', () => {
  it('the install opens the welcome page in a new tab, and says which tab', async () => {
    await start();
    expect(installed).toHaveLength(1); // registered on the first tick, as the worker needs
    installed[0]!({ reason: 'install' });
    expect(await settled()).toBe(41);
    expect(created).toEqual([fakeBrowser.runtime.getURL('/welcome.html')]);
  });

  it('an update opens nothing, and nothing opens on the next install event either', async () => {
    await start();
    installed[0]!({ reason: 'update' });
    expect(await settled()).toBeNull();
    expect(created).toEqual([]);
    expect(await getDb().settings.get(WELCOMED_KEY)).toBeTruthy();
  });

  it('a restart after the welcome opens nothing and answers at once; a reinstall onto kept data (Firefox) neither', async () => {
    await start();
    installed[0]!({ reason: 'install' });
    await settled();
    await start(); // the browser restarted: no install event is coming
    expect(await settled()).toBeNull();
    // what the listener runs, awaited: Firefox reinstalls a temporary add-on onto the kept database
    const opened: string[] = [];
    expect(await onInstalled('install', { db: getDb(), openWelcome: async () => (opened.push('welcome'), 1) })).toBeNull();
    expect([...created, ...opened]).toEqual([]);
  });
});
