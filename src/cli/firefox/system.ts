// Privileged script in Firefox's parent process, over WebDriver BiDi (Firefox's "moz:scope": "chrome"
// contexts, allowed by --remote-allow-system-access). Used only to undo what automation itself changes
// in the browser (the webdriver flag, puppeteer's test preferences), so that pages meet Firefox as a
// person runs it. Pages cannot see any of it: no page script is injected and no getter is replaced.
import type { Browser } from 'puppeteer-core';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

function connectionOf(browser: Browser): BidiConnection {
  const c = (browser as unknown as { connection?: BidiConnection }).connection;
  if (!c) throw new Error('not a WebDriver BiDi connection to Firefox');
  return c;
}

/** Evaluates `expression` in the browser window's chrome scope and returns its JSON-serialisable value. */
export async function systemEval(browser: Browser, expression: string): Promise<unknown> {
  const conn = connectionOf(browser);
  const tree = (await conn.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })).result as { contexts: { context: string }[] };
  const ctx = tree.contexts[0]?.context;
  if (!ctx) throw new Error('Firefox has no chrome window to run in (is --remote-allow-system-access set?)');
  const r = (await conn.send('script.evaluate', { expression: `JSON.stringify((() => { ${expression} })())`, target: { context: ctx }, awaitPromise: true }))
    .result as { type: string; result?: { value?: string }; exceptionDetails?: { text?: string } };
  if (r.type !== 'success') throw new Error(`privileged script failed: ${r.exceptionDetails?.text ?? 'unknown error'}`);
  const v = r.result?.value;
  return v === undefined ? undefined : JSON.parse(v);
}

/**
 * Firefox sets navigator.webdriver while its Remote Agent listens, and has no preference to turn that
 * off (dom/base/Navigator.cpp reads the "RemoteAgent:Active" flag the agent shares with content
 * processes). Clearing the shared flag leaves the native getter in place and makes it answer false.
 */
export const CLEAR_WEBDRIVER_FLAG = `Services.ppmm.sharedData.set("RemoteAgent:Active", false); Services.ppmm.sharedData.flush(); return true;`;

/**
 * Preferences puppeteer sets for its own test runs that change what pages meet: Enhanced Tracking
 * Protection switched off (cookies accepted from every third party, no tracker or fingerprinter
 * blocking) and the pop-up blocker off. Cleared back to Firefox's defaults after launch, so a Firefox
 * audit sees what a Firefox user's default settings let through.
 */
export const PUPPETEER_TEST_PREFS = [
  'browser.contentblocking.category',
  'browser.contentblocking.features.standard',
  'privacy.trackingprotection.enabled',
  'network.cookie.cookieBehavior',
  'network.cookie.cookieBehavior.pbmode',
  'network.cookie.sameSite.laxByDefault',
  'dom.disable_open_during_load',
] as const;

export function restorePrefsExpression(prefs: readonly string[]): string {
  return `for (const p of ${JSON.stringify(prefs)}) Services.prefs.clearUserPref(p); return Services.prefs.getIntPref("network.cookie.cookieBehavior");`;
}
