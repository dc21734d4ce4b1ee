// Private windows: the real background wiring (startBackground) with a fake browser. A private tab is
// neither observed nor stored unless the user turned that on (docs/design.md, rules of the house).
// Chromium incognito cannot be automated with an extension here (Playwright's persistent context has
// no incognito window, and allowing an extension in incognito is a per-id profile preference), so
// this drives the background's decision through the same listeners the browser calls.
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackground } from '../../src/background/main';
import { getDb } from '../../src/storage/db';
import { setSetting } from '../../src/storage/settings';

type Listener = (d: Record<string, unknown>) => unknown;
let onBeforeRequest: Listener;
let onMessage: (msg: unknown, sender: unknown) => Promise<unknown>;
const ID = 'candor-test';

beforeEach(async () => {
  fakeBrowser.reset();
  vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 Chrome/156.0.0.0' });
  const db = getDb();
  await db.open();
  await Promise.all(db.tables.map((t) => t.clear()));
  const event = (set: (l: Listener) => void) => ({ addListener: (l: Listener) => set(l), removeListener() {}, hasListener: () => true });
  Object.assign(fakeBrowser, {
    webRequest: { onBeforeRequest: event((l) => (onBeforeRequest = l)), onHeadersReceived: event(() => {}), onErrorOccurred: event(() => {}) },
  });
  vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation(((l: typeof onMessage) => void (onMessage = l)) as never);
  Object.assign(fakeBrowser.runtime, { id: ID });
  Object.assign(fakeBrowser, { action: { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {} } });
  fakeBrowser.tabs.get = (async (id: number) => ({ id, incognito: id >= 100, url: 'https://shop.example/' })) as never;
  startBackground();
});

async function loadPage(tabId: number, incognito: boolean) {
  const base = { tabId, frameId: 0, method: 'GET', timeStamp: Date.now(), incognito };
  onBeforeRequest({ ...base, requestId: `${tabId}-1`, url: 'https://shop.example/', type: 'main_frame' });
  onBeforeRequest({ ...base, requestId: `${tabId}-2`, url: 'https://www.google-analytics.com/g/collect?v=2', type: 'xmlhttprequest', initiator: 'https://shop.example' });
  const sender = { id: ID, url: 'https://shop.example/', tab: { id: tabId, incognito }, frameId: 0 };
  await onMessage({ type: 'observe/dom', snapshot: { url: 'https://shop.example/', title: 'Shop', scripts: ['https://www.google-analytics.com/analytics.js'], iframes: [], sections: {}, at: 1 } }, sender);
  await new Promise((r) => setTimeout(r, 50));
  await (globalThis as unknown as { candor: { whenIdle(): Promise<void> } }).candor.whenIdle();
}

describe('private windows', () => {
  it('an ordinary tab is observed and stored (the test can see a finding at all)', async () => {
    await loadPage(1, false);
    const db = getDb();
    expect(await db.visits.count()).toBe(1);
    expect(await db.reports.count()).toBeGreaterThan(0);
  });

  it('a private tab leaves no visit, no finding, no site and no tab row by default', async () => {
    await loadPage(100, true);
    const db = getDb();
    expect(await db.visits.count()).toBe(0);
    expect(await db.reports.count()).toBe(0);
    expect(await db.sites.count()).toBe(0);
    expect(await db.tabs.count()).toBe(0);
  });

  it('a private tab is observed once the user opted in', async () => {
    await setSetting(getDb(), 'privateWindows', true);
    await loadPage(101, true);
    expect(await getDb().reports.count()).toBeGreaterThan(0);
  });
});
