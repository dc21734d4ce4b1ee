// Wires browser events into the engine. Every listener is registered on the first tick, before any
// await: an MV3 worker woken by an event must find its listener (docs/contributing.md).
import { browser } from 'wxt/browser';
import { CATALOG } from '../catalog';
import { DETECTORS } from '../detectors';
import { createTrackerDb } from '../detectors/tracker-db';
import type { TrackerIndex } from '../detectors/tracker-index-build';
import trackerIndex from '../generated/tracker-index.json';
import { buildSiteReport } from '../report/build';
import { badgeCount } from '../report/facts';
import { getDb } from '../storage/db';
import { factsForVisit } from '../storage/queries';
import { getSettings } from '../storage/settings';
import { Engine } from './engine';
import { SERVICES } from './services';
import { startRetention } from './retention';
import { startFirstRun, WELCOME_PAGE } from './first-run';
import { allHandlers } from './handlers';
import { autoconsentLoads, restoreControls } from './handlers/consent';
import { createDispatcher } from './messages';
import { createCanonicalNames, dnsOf } from './canonical-names';
import { hostOf, isObservableUrl, siteOf } from './site';
import { decodeBody, isBlockedByClient, parseSetCookies, type RequestDetailsLike, toRequestObservation } from '../observe/network';

export function startBackground(): void {
  const db = getDb();
  const trackers = createTrackerDb(trackerIndex as unknown as TrackerIndex);
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  const engine = new Engine({
    db,
    detectors: DETECTORS,
    trackers,
    catalog: CATALOG,
    services: SERVICES,
    onWritten: (visitIds) => void updateBadges(visitIds),
    currentUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
  });
  /** tabs whose current page is not observed (private window without opt-in) */
  const ignoredTabs = new Set<number>();
  const tabUrls = new Map<number, string>();
  const browserName = navigator.userAgent.match(/(Firefox|Chrome|Chromium)\/(\d+)/);
  const toolBrowser = browserName ? `${browserName[1]!.toLowerCase()} ${browserName[2]}` : 'unknown';

  async function updateBadges(visitIds: Set<string>) {
    // two reads for the whole commit, not two per visit: each is a transaction that queues behind
    // the writer's next one
    const visits = (await db.visits.bulkGet([...visitIds])).filter((v) => !!v);
    const tabs = await db.tabs.bulkGet(visits.map((v) => v.tabId));
    for (const [i, v] of visits.entries()) {
      if (tabs[i]?.visitId !== v.id) continue;
      // the companies told about the visit, as the popup's headline counts them: not tracker requests,
      // so a fully blocked tracker (which told nobody) is not counted
      const n = v.summary ? badgeCount(v.summary) : 0;
      try {
        await action.setBadgeText({ tabId: v.tabId, text: n ? String(n) : '' });
        await action.setBadgeBackgroundColor({ tabId: v.tabId, color: n > 5 ? '#b3261e' : '#5b5f97' });
      } catch {
        // the tab was closed meanwhile
      }
    }
  }

  async function startVisit(tabId: number, url: string, incognito?: boolean) {
    const settings = await getSettings(db);
    let priv = incognito;
    if (priv === undefined) priv = await browser.tabs.get(tabId).then((t) => t.incognito, () => false);
    if (priv && !settings.privateWindows) {
      ignoredTabs.add(tabId);
      engine.forgetTab(tabId);
      return;
    }
    ignoredTabs.delete(tabId);
    await engine.startVisit(tabId, url);
    await action.setBadgeText({ tabId, text: '' }).catch(() => {});
  }

  // Firefox: the canonical names of first-party hosts reveal trackers behind a DNS alias (CNAME cloaking)
  const dns = dnsOf(browser);
  const canonical = dns ? createCanonicalNames(dns) : null;
  /** the canonical name of a first-party subresource's host, where the browser can tell */
  const canonicalFor = (url: string, topUrl: string): Promise<string | undefined> | undefined => {
    if (!canonical || !topUrl) return undefined;
    const host = hostOf(url);
    return host && host !== hostOf(topUrl) && siteOf(host) === siteOf(hostOf(topUrl)) ? canonical.of(host) : undefined;
  };

  const pendingStarts = new Map<number, Promise<void>>();
  function visitReady(tabId: number): Promise<void> {
    return pendingStarts.get(tabId) ?? Promise.resolve();
  }

  browser.webRequest.onBeforeRequest.addListener(
    (d) => {
      const details = d as unknown as RequestDetailsLike & { incognito?: boolean };
      if (details.tabId < 0) return undefined;
      if (details.type === 'main_frame') {
        if (!isObservableUrl(details.url)) return undefined;
        tabUrls.set(details.tabId, details.url);
        const p = startVisit(details.tabId, details.url, details.incognito).catch((e) => console.error('[candor] visit', e));
        pendingStarts.set(details.tabId, p);
        return undefined;
      }
      if (ignoredTabs.has(details.tabId)) return undefined;
      const obs = toRequestObservation(details, tabUrls.get(details.tabId) ?? '');
      if (details.method !== 'GET') obs.body = decodeBody(details.requestBody);
      const cname = canonicalFor(obs.url, obs.topUrl);
      if (cname) {
        void Promise.all([cname, visitReady(details.tabId)]).then(([c]) => {
          if (c) obs.canonicalHost = c;
          return engine.onRequest(obs);
        });
        return undefined;
      }
      void visitReady(details.tabId).then(() => engine.onRequest(obs));
      return undefined;
    },
    { urls: ['<all_urls>'] },
    ['requestBody'],
  );

  const extra = (browser.webRequest as unknown as { OnHeadersReceivedOptions?: { EXTRA_HEADERS?: string } }).OnHeadersReceivedOptions?.EXTRA_HEADERS;
  browser.webRequest.onHeadersReceived.addListener(
    (d) => {
      const details = d as unknown as RequestDetailsLike;
      if (details.tabId < 0 || ignoredTabs.has(details.tabId)) return undefined;
      const setCookies = parseSetCookies(details.responseHeaders);
      if (setCookies.length === 0) return undefined;
      const obs = toRequestObservation(details, tabUrls.get(details.tabId) ?? '', 'response');
      obs.setCookies = setCookies;
      obs.statusCode = details.statusCode;
      void visitReady(details.tabId).then(() => engine.onRequest(obs));
      return undefined;
    },
    { urls: ['<all_urls>'] },
    (extra ? ['responseHeaders', extra] : ['responseHeaders']) as never,
  );

  // A request the browser then blocked (the person's block rule, or another content blocker): the
  // tracker tried, but was told nothing. onBeforeRequest has already counted the attempt.
  browser.webRequest.onErrorOccurred.addListener(
    (d) => {
      const details = d as unknown as RequestDetailsLike & { error?: string };
      if (details.tabId < 0 || details.type === 'main_frame' || ignoredTabs.has(details.tabId) || !isBlockedByClient(details.error)) return;
      const obs = toRequestObservation(details, tabUrls.get(details.tabId) ?? '', 'blocked');
      void visitReady(details.tabId).then(() => engine.onRequest(obs));
    },
    { urls: ['<all_urls>'] },
  );

  browser.webNavigation.onCommitted.addListener((d) => {
    if (d.frameId !== 0 || !isObservableUrl(d.url)) return;
    tabUrls.set(d.tabId, d.url);
    void visitReady(d.tabId).then(() => engine.updateVisitUrl(d.tabId, d.url));
  });
  browser.webNavigation.onHistoryStateUpdated.addListener((d) => {
    if (d.frameId !== 0 || !isObservableUrl(d.url)) return;
    tabUrls.set(d.tabId, d.url);
    void engine.updateVisitUrl(d.tabId, d.url);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    engine.forgetTab(tabId);
    ignoredTabs.delete(tabId);
    tabUrls.delete(tabId);
    void db.tabs.delete(tabId);
  });

  async function reportForTab(tabId: number) {
    await engine.writer.whenIdle();
    const visit = await engine.visitFor(tabId);
    if (!visit) return null;
    const [findings, row] = await Promise.all([factsForVisit(db, visit.visitId), db.visits.get(visit.visitId)]);
    return buildSiteReport({ visit, findings, limits: row, tool: { version: browser.runtime.getManifest().version, browser: toolBrowser } });
  }

  startRetention(db, browser);
  // install only (not an update): the welcome page, with the switch of the one automatic request
  const firstRun = startFirstRun(
    { db, openWelcome: async () => (await browser.tabs.create({ url: browser.runtime.getURL(`/${WELCOME_PAGE}` as `/welcome.html`) })).id },
    (cb) => browser.runtime.onInstalled.addListener(cb),
  );

  const handlers = allHandlers({ db, engine, browser, ignoredTabs, visitReady, reportForTab });
  // DNR rules and registered scripts survive restarts, but settings are the truth: re-apply them
  void restoreControls({ db, browser }).catch((e) => console.error('[candor] consent controls', e));
  const dispatch = createDispatcher(handlers, browser.runtime.id, browser.runtime.getURL('/'));
  browser.runtime.onMessage.addListener((msg, sender) => dispatch(msg, sender as never));

  // For the headless audit and the benchmark only (reached through the DevTools protocol, never
  // from a page): the benchmark drives the real engine to measure storage throughput in the
  // worker's own IndexedDB.
  (globalThis as unknown as { candor: unknown }).candor = {
    reportForTab,
    // the audit reads reports once everything is stored, the answer of the gpc.json check included
    whenIdle: () => engine.settled(),
    db,
    engine,
    autoconsentLoads,
    /** the welcome tab this start opened (null: none); the launchers close it */
    firstRun: firstRun.settled,
  };
}
