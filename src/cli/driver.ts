// The browser-neutral seam of the audit: what visiting a page, running the probes and reading the
// extension's report need from a browser, and nothing more. Chromium's pages are Playwright pages
// (they already have this shape); Firefox's are puppeteer pages adapted in src/cli/firefox/page.ts.
// Code that visits pages talks to these types only, so the same audit drives either browser.
import type { SiteReport } from '../model/report';

export const BROWSERS = ['chromium', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];

export interface AuditResponse {
  status(): number;
  /** the address the browser connected to, where the browser says (Chromium) */
  serverAddr?(): Promise<{ ipAddress: string; port: number } | null>;
}

/** Elements matching a selector, looked up when used (as Playwright's Locator). */
export interface AuditLocator {
  count(): Promise<number>;
  nth(i: number): AuditLocator;
  isVisible(): Promise<boolean>;
  isEditable(): Promise<boolean>;
  evaluate<R>(fn: (el: Element) => R): Promise<R>;
  click(o?: { timeout?: number }): Promise<void>;
  /** types key by key, so the page's key and input listeners see every keystroke */
  pressSequentially(text: string, o?: { delay?: number; timeout?: number }): Promise<void>;
  waitFor(o?: { timeout?: number }): Promise<void>;
}

export interface AuditPage {
  /** `referer`: the page the visitor comes from (customer views) */
  goto(url: string, o?: { waitUntil?: 'load'; timeout?: number; referer?: string }): Promise<AuditResponse | null>;
  url(): string;
  /** loads the page again (after a consent answer, customer views) */
  reload(o?: { waitUntil?: 'load'; timeout?: number }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  /** runs fn(arg) in the page; fn is sent as source text, so it must not close over anything */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  locator(selector: string): AuditLocator;
  waitForSelector(selector: string, o?: { timeout?: number }): Promise<unknown>;
  mouse: { click(x: number, y: number): Promise<void>; move(x: number, y: number): Promise<void> };
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  /** `scale: 'css'`: one pixel per CSS pixel (Firefox's are always so) */
  screenshot(o?: { fullPage?: boolean; type?: 'png' | 'jpeg'; quality?: number; scale?: 'css'; timeout?: number }): Promise<Buffer>;
  close(): Promise<void>;
}

/** What a function run by `inExtension` gets: the extension's promise-based API and its test hook. */
export interface ExtensionSide {
  browser: {
    tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
    runtime: { sendMessage(m: unknown): Promise<unknown> };
  };
  /** the background's hook for the audit (entrypoints/background.ts → src/background/main.ts) */
  candor: {
    reportForTab(id: number): Promise<SiteReport | null>;
    whenIdle(): Promise<void>;
    [k: string]: unknown;
  };
}

export interface AuditBrowser {
  /** which engine this is (for the report's tool.browser and for messages, never for detection) */
  readonly name: BrowserName;
  /** "chromium 156", "firefox 153": written into each report's tool.browser */
  readonly browserLabel: string;
  readonly userAgent: string;
  newPage(): Promise<AuditPage>;
  /** opens one of the extension's own pages (e.g. "popup.html?tabId=3") once its document has loaded */
  extensionPage(path: string): Promise<AuditPage>;
  /** the extension URL of `path`, e.g. for links the popup shows */
  extensionUrl(path: string): string;
  /**
   * Runs fn in the extension (Chromium: its service worker; Firefox: an extension page that holds the
   * background page's hook). fn is sent as source text with `arg` as JSON: it must not close over
   * anything, and what it returns must be plain data.
   */
  /** a message to the background from one of the extension's own pages, as the popup sends it */
  sendMessage(msg: Record<string, unknown>): Promise<unknown>;
  inExtension<R, A = undefined>(fn: (x: ExtensionSide, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * Holds every document request of `page` (its top frame and its frames, each redirect hop included)
   * until `refuse(url, topFrame)` answers, and fails the request when it answers true. Browsers that
   * cannot hold requests leave this out; the audit then checks the pages it lands on after the fact.
   */
  guard?(page: AuditPage, refuse: (url: string, topFrame: boolean) => Promise<boolean>): Promise<void>;
  /** called once when the browser goes away (closed or crashed) */
  onClose(cb: () => void): void;
  close(): Promise<void>;
}

/** The expression that calls `fn` with an ExtensionSide built from `side` (an expression) and `arg`. */
export function callExpression(fn: (...a: never[]) => unknown, side: string, arg: unknown): string {
  return `(${fn.toString()})(${side}, ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`;
}
