// Observation relays from content scripts and report/status requests from extension pages.
import type { DomSnapshot, PageEvent } from '../../model/observations';
import { sanitizePageEvents, sanitizeSnapshot } from '../sanitize';
import { isObservableUrl } from '../site';
import type { HandlerModule } from './types';

export const coreHandlers: HandlerModule = ({ engine, browser, ignoredTabs, visitReady, reportForTab }) => ({
  'observe/dom': async (msg, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || ignoredTabs.has(tabId)) return { ok: true };
    await visitReady(tabId);
    const snap = sanitizeSnapshot(msg.snapshot as DomSnapshot, sender.url, sender.frameId === 0);
    if (snap) await engine.onDom(tabId, snap);
    return { ok: true };
  },
  'observe/page-events': async (msg, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || ignoredTabs.has(tabId)) return { ok: true };
    await visitReady(tabId);
    await engine.onPageEvents(tabId, sanitizePageEvents(msg.events as PageEvent[], engine.acceptedPageEventTypes));
    return { ok: true };
  },
  'report/for-tab': async ({ tabId }) => {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    if (tab && !isObservableUrl(tab.url)) return { report: null, reason: 'not-observable' };
    const report = await reportForTab(tabId);
    return report ? { report } : { report: null, reason: 'no-visit' };
  },
  'status/get': async () => ({ writeError: engine.writer.lastError }),
});
