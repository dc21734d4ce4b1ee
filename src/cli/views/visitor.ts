// A visitor the audit browser presents as (docs/views.md): locale and time zone, a phone, cookies it
// carries, Global Privacy Control, where it comes from. Everything a view changes about the browser
// is applied here, in one place: the launcher asks for its flags and context options, then for the
// steps after start (cookies, GPC through the extension's own setting); the visit for the Referer.
import type { BrowserContextOptions, Page } from 'playwright-core';
import type { Launched } from '../launch';
import type { VisitorCookie } from './cookies';
import type { ViewSpec } from './spec';

export interface Visitor {
  /** BCP 47, xx-YY: Accept-Language, navigator.language(s), Intl formatting */
  locale?: string;
  /** IANA time zone (the locale's region) */
  timezoneId?: string;
  /** a phone (see PHONE) */
  mobile?: boolean;
  /** cookies in the jar before the first page */
  cookies?: VisitorCookie[];
  /** Global Privacy Control on every site, through the extension's own setting */
  gpc?: boolean;
  /** the Referer (and document.referrer) of the first page visited */
  referrer?: string;
}

export const DEFAULT_LOCALE = 'en-US';

/** Chrome on a mid-size Android phone (Pixel 7 metrics), with Chrome's reduced user agent string. */
export const PHONE = {
  viewport: { width: 412, height: 839 },
  screen: { width: 412, height: 915 },
  deviceScaleFactor: 2.625,
  userAgent: (major: number) => `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major || 130}.0.0.0 Mobile Safari/537.36`,
};

export function visitorFor(spec: ViewSpec): Visitor {
  switch (spec.kind) {
    case 'gpc':
      return { gpc: true };
    case 'locale':
      return { locale: spec.locale, timezoneId: spec.timezoneId };
    case 'mobile':
      return { mobile: true };
    case 'cookies':
      return { cookies: spec.cookies };
    case 'from':
      return { referrer: spec.from };
    default:
      return {};
  }
}

/** Browser flags and context options for a visitor; `undefined` = the audit's ordinary desktop browser. */
export function visitorLaunch(v: Visitor | undefined, chromeMajor: number): { args: string[]; userAgent?: string; context: BrowserContextOptions } {
  const locale = v?.locale ?? DEFAULT_LOCALE;
  const context: BrowserContextOptions = { locale };
  const args = [`--lang=${locale}`];
  let userAgent: string | undefined;
  if (v?.timezoneId) context.timezoneId = v.timezoneId;
  if (v?.mobile) {
    userAgent = PHONE.userAgent(chromeMajor);
    Object.assign(context, { viewport: PHONE.viewport, screen: PHONE.screen, deviceScaleFactor: PHONE.deviceScaleFactor, isMobile: true, hasTouch: true });
  }
  return { args, userAgent, context };
}

/**
 * The same visitor in Firefox (src/cli/firefox/launch.ts): preferences for the language and the
 * phone's user agent and touch, the time zone through the browser process's TZ, and the phone's
 * screen as puppeteer's emulated viewport. Firefox's phone is Firefox for Android (a Chrome user
 * agent in Gecko would be a visitor nobody is). A referrer has no Firefox form: WebDriver BiDi
 * navigates without one (parseViewsArgs refuses `from=` with --browser firefox).
 */
export function firefoxVisitorLaunch(v: Visitor | undefined, firefoxMajor: number): {
  prefs: Record<string, string | number | boolean>;
  env: Record<string, string>;
  viewport: { width: number; height: number; deviceScaleFactor: number } | null;
} {
  const locale = v?.locale ?? DEFAULT_LOCALE;
  const lang = locale.split('-')[0]!;
  const prefs: Record<string, string | number | boolean> = {
    'intl.accept_languages': lang === locale ? locale : `${locale}, ${lang}`,
    'intl.locale.requested': locale,
    // JS's own locale (Intl, toLocaleString) follows the OS's regional settings, not the UI language
    'intl.regional_prefs.use_os_locales': false,
  };
  const env: Record<string, string> = {};
  if (v?.timezoneId) env['TZ'] = v.timezoneId;
  let viewport = null;
  if (v?.mobile) {
    const major = firefoxMajor || 128;
    prefs['general.useragent.override'] = `Mozilla/5.0 (Android 14; Mobile; rv:${major}.0) Gecko/${major}.0 Firefox/${major}.0`;
    prefs['dom.w3c_touch_events.enabled'] = 1;
    prefs['dom.maxtouchpoints.testing.value'] = 5;
    viewport = { width: PHONE.viewport.width, height: PHONE.viewport.height, deviceScaleFactor: PHONE.deviceScaleFactor };
  }
  return { prefs, env, viewport };
}

/** What a started browser with the extension offers the visitor's steps. */
export interface VisitorTarget {
  /** a message to the background as the popup sends it (AuditBrowser.sendMessage) */
  sendMessage(msg: Record<string, unknown>): Promise<unknown>;
  setCookies(cookies: readonly VisitorCookie[]): Promise<void>;
}

export async function prepareVisitor(b: VisitorTarget, v: Visitor | undefined): Promise<void> {
  if (!v) return;
  if (v.cookies?.length) await b.setCookies(v.cookies);
  if (v.gpc) {
    // the person's own switch ("Send GPC on every site"), asked for the way the popup asks for it
    const reply = await b.sendMessage({ type: 'gpc/set', scope: 'all', on: true });
    if (!(reply as { ok?: boolean } | null)?.ok) throw new Error('the extension did not turn Global Privacy Control on');
  }
}

// One extension page per browser, kept open for the view's messages (opening one costs a few hundred ms
// on a busy machine, and a view sends several). The manifest is the lightest page the extension has.
const extensionPages = new WeakMap<object, Promise<Page>>();

/** A Chromium browser with the extension, as Chromium's launcher has it. */
type ChromiumTarget = Pick<Launched, 'context' | 'extensionId'>;

async function extensionPage(b: ChromiumTarget): Promise<Page> {
  let p = extensionPages.get(b.context);
  if (!p) {
    p = (async () => {
      const page = await b.context.newPage();
      await page.goto(`chrome-extension://${b.extensionId}/manifest.json`);
      return page;
    })();
    extensionPages.set(b.context, p);
  }
  const page = await p.catch(() => null);
  if (page && !page.isClosed()) return page;
  extensionPages.delete(b.context);
  return extensionPage(b);
}

/** A message to the background from one of the extension's own pages, as the popup sends it. */
export async function sendFromExtensionPage(b: ChromiumTarget, msg: Record<string, unknown>): Promise<unknown> {
  const p = await extensionPage(b);
  return p.evaluate(
    (m: Record<string, unknown>) => (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m),
    msg,
  );
}
