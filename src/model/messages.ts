// The typed message registry between content scripts, extension pages and the background.
// One entry per message type; the background accepts nothing else (see src/background/messages.ts).
import type { PageKit } from './dom';
import type { DomSnapshot, PageEvent } from './observations';
import type { SiteReport } from './report';
import type { ConsentMessages } from './consent-messages';

export interface MessageMap extends ConsentMessages {
  /** content script (any frame): one DOM scan */
  'observe/dom': { req: { snapshot: DomSnapshot }; res: { ok: true } };
  /** content script (any frame): the catalog lists and patterns its scanners look with */
  'observe/kit': { req: Record<string, never>; res: PageKit };
  /** content script (any frame): a batch of MAIN-world events relayed */
  'observe/page-events': { req: { events: PageEvent[] }; res: { ok: true } };
  /** extension page: the report for a tab's current page */
  'report/for-tab': { req: { tabId: number }; res: { report: SiteReport | null; reason?: 'not-observable' | 'no-visit' } };
  /** extension page (the dashboard, after it deleted a site, or all history when `site` is absent):
   *  the worker forgets the open tabs' visits of it and deletes again what they were still writing */
  'history/deleted': { req: { site?: string }; res: { ok: true; tabs: number } };
  /** extension page: storage health (full disk and other write errors) */
  'status/get': { req: Record<string, never>; res: { writeError: { at: number; name: string; message: string } | null } };
  /** extension page (the user pressed the button, or audit --interact): compare this tab's price with
   *  two clean visits (the same URL fetched without cookies). One of the only requests Candor makes. */
  'prices/clean-check': { req: { tabId: number }; res: CleanCheckResult };
}

/** The outcome of a clean-visit price check, as shown in the popup and kept in `meta`. */
export interface CleanCheckResult {
  status: 'done' | 'no-price' | 'failed';
  verdict?: 'differs' | 'same' | 'within-noise' | 'unknown';
  product?: string;
  currency?: string;
  you?: number;
  /** the two clean visits (the control pair); null where no price could be read */
  clean?: (number | null)[];
  /** plain words for the person */
  message: string;
  at: number;
}

export type MessageType = keyof MessageMap;
export type Message<T extends MessageType = MessageType> = { type: T } & MessageMap[T]['req'];
export type Reply<T extends MessageType> = MessageMap[T]['res'];

/** Which senders may send which types: content scripts observe, extension pages ask and act. */
export const CONTENT_MESSAGES: ReadonlySet<MessageType> = new Set(['observe/dom', 'observe/kit', 'observe/page-events', 'consent/load', 'consent/autoconsent']);
