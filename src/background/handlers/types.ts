import type { WxtBrowser } from 'wxt/browser';
import type { SiteReport } from '../../model/report';
import type { CandorDb } from '../../storage/db';
import type { Engine } from '../engine';
import type { Handlers } from '../messages';

/** What message handlers may use. Passed in, so handlers are testable with fakes. */
export interface BackgroundDeps {
  db: CandorDb;
  engine: Engine;
  browser: WxtBrowser;
  /** tabs whose current page is not observed (private window without opt-in) */
  ignoredTabs: Set<number>;
  /** resolves when the tab's visit has been created (the main-frame request is handled first) */
  visitReady(tabId: number): Promise<void>;
  reportForTab(tabId: number): Promise<SiteReport | null>;
}

/** Each concern contributes the handlers of its own message types. */
export type HandlerModule = (deps: BackgroundDeps) => Partial<Handlers>;
