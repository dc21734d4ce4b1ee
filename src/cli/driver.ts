// The browser-neutral seam of the audit: what visiting a page, running the probes and reading the
// extension's report need from a browser, and nothing more. Chromium's pages are Playwright pages
// (they already have this shape); Firefox's are puppeteer pages adapted in src/cli/firefox/page.ts.
// Code that visits pages talks to these types only, so the same audit drives either browser.
import type { SiteReport } from '../model/report';

export const BROWSERS = ['chromium', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];

export interface AuditResponse {
  status(): number;
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
  waitForTimeout(ms: number): Promise<void>;
  /** runs fn(arg) in the page; fn is sent as source text, so it must not close over anything */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  locator(selector: string): AuditLocator;
  waitForSelector(selector: string, o?: { timeout?: number }): Promise<unknown>;
  mouse: { click(x: number, y: number): Promise<void>; move(x: number, y: number): Promise<void> };
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  screenshot(o?: { fullPage?: boolean }): Promise<Buffer>;
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
  inExtension<R, A = undefined>(fn: (x: ExtensionSide, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** called once when the browser goes away (closed or crashed) */
  onClose(cb: () => void): void;
  close(): Promise<void>;
}

/** The expression that calls `fn` with an ExtensionSide built from `side` (an expression) and `arg`. */
export function callExpression(fn: (...a: never[]) => unknown, side: string, arg: unknown): string {
  return `(${fn.toString()})(${side}, ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`;
}
