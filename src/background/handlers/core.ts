// Observation relays from content scripts and report/status requests from extension pages.
import type { DomSnapshot, PageEvent } from '../../model/observations';
import { judgeSnapshot } from '../../detectors/dom-judge';
import { pageKit } from '../../detectors/page-kit';
import { tooNew } from '../../storage/db';
import { deleteSite, wipeHistory } from '../../storage/history';
import { sanitizePageEvents, sanitizeSnapshot } from '../sanitize';
import { isObservableUrl } from '../site';
import type { HandlerModule } from './types';

export const coreHandlers: HandlerModule = ({ db, engine, browser, ignoredTabs, visitReady, reportForTab }) => ({
  'observe/dom': async (msg, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || ignoredTabs.has(tabId)) return { ok: true };
    await visitReady(tabId);
    const snap = sanitizeSnapshot(msg.snapshot as DomSnapshot, sender.url, sender.frameId === 0);
    // the page sent observations; judging them (patterns, price extraction) happens here
    if (snap) await engine.onDom(tabId, judgeSnapshot(snap), sender.frameId === 0 ? sender.url : undefined);
    return { ok: true };
  },
  'observe/kit': async () => pageKit(),
  'observe/page-events': async (msg, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || ignoredTabs.has(tabId)) return { ok: true };
    await visitReady(tabId);
    await engine.onPageEvents(tabId, sanitizePageEvents(msg.events as PageEvent[], engine.acceptedPageEventTypes), sender.frameId === 0 ? sender.url : undefined);
    return { ok: true };
  },
  'report/for-tab': async ({ tabId }) => {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    if (tab && !isObservableUrl(tab.url)) return { report: null, reason: 'not-observable' };
    const report = await reportForTab(tabId);
    return report ? { report } : { report: null, reason: 'no-visit' };
  },
  'history/deleted': async ({ site }) => {
    const one = typeof site === 'string' ? site : undefined;
    const tabs = await engine.afterDelete(one, (db) => (one === undefined ? wipeHistory(db) : deleteSite(db, one)));
    // the badge of a tab that showed the deleted site counted what is gone
    const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
    await Promise.all(tabs.map((tabId) => action?.setBadgeText({ tabId, text: '' }).catch(() => {})));
    return { ok: true, tabs: tabs.length };
  },
  'status/get': async () => {
    // a database newer than this code stays closed (src/storage/db.ts): say so before any write error
    const newer = await db.open().then(() => null, (e: unknown) => tooNew(e));
    if (newer) return { writeError: { at: Date.now(), name: newer.name, message: newer.message } };
    return { writeError: engine.writer.lastError };
  },
});
