// Starts Firefox (ESR or release, 128+) with the built Firefox extension, over WebDriver BiDi
// (puppeteer-core: Playwright cannot drive a stock Firefox), presenting as an ordinary browser:
// navigator.webdriver false, Firefox's own user agent (headless Firefox does not say so in it), a
// normal window size and language, and Firefox's default tracking protection.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { type AuditBrowser, callExpression } from '../driver';
import { closeWelcomeTab, type LaunchOptions } from '../launch';
import { firefoxVisitorLaunch, prepareVisitor } from '../views/visitor';
import { findFirefox, firefoxVersion } from './find-firefox';
import { HostRulesError, pacScript, parseHostRules } from './host-rules';
import { FirefoxPage } from './page';
import { startRulesProxy, type RulesProxy } from './rules-proxy';
import { CLEAR_WEBDRIVER_FLAG, PUPPETEER_TEST_PREFS, restorePrefsExpression, systemEval } from './system';

export interface FirefoxLaunchOptions extends LaunchOptions {
  /** where exports and other downloads are saved without asking (tests) */
  downloadDir?: string;
  /** more preferences (tests: e.g. a colour scheme) */
  prefs?: Record<string, string | number | boolean>;
}

export interface FirefoxLaunched extends AuditBrowser {
  readonly name: 'firefox';
  /** the puppeteer browser, for what the audit seam does not cover (tests) */
  raw: Browser;
  /** the moz-extension:// UUID this profile gives the extension */
  extensionUuid: string;
  /** privileged script in the browser's parent process (see system.ts) */
  system(expression: string): Promise<unknown>;
}

/** One UUID for the extension in every profile the audit makes, so its pages have a known address. */
export const EXTENSION_UUID = '6b1a3f52-2c8e-4d7e-9d0b-3f5a1c2e4b7d';

const tmpProfiles = new Set<string>();
process.once('exit', () => {
  for (const d of tmpProfiles) {
    try {
      rmSync(d, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // a browser still writing there: leave it rather than fail the exit
    }
  }
});

function geckoIdOf(extensionDir: string): string {
  const m = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const id = m.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id: is it the Firefox build (npm run build:firefox)?`);
  return id;
}

export async function launchFirefox(o: FirefoxLaunchOptions): Promise<FirefoxLaunched> {
  const exe = findFirefox();
  const ver = firefoxVersion(exe);
  const geckoId = geckoIdOf(o.extensionDir);
  let rules;
  try {
    rules = o.hostResolverRules ? parseHostRules(o.hostResolverRules) : [];
  } catch (e) {
    throw e instanceof HostRulesError ? e : new HostRulesError(String(e));
  }
  const visitor = firefoxVisitorLaunch(o.visitor, ver.major);
  const proxy: RulesProxy | undefined = rules.length ? await startRulesProxy(rules) : undefined;
  const tmpProfile = o.profileDir ? undefined : mkdtempSync(join(tmpdir(), 'candor-firefox-'));
  if (tmpProfile) tmpProfiles.add(tmpProfile);
  const prefs: Record<string, string | number | boolean> = {
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
    // the extension is installed anew at each start (a temporary add-on): keep its database and
    // address, so --profile gives a returning visitor as it does in Chromium
    'extensions.webextensions.keepStorageOnUninstall': true,
    'extensions.webextensions.keepUuidOnUninstall': true,
    ...visitor.prefs,
    ...(proxy
      ? {
          'network.proxy.type': 2,
          'network.proxy.autoconfig_url': `data:application/x-ns-proxy-autoconfig;base64,${Buffer.from(pacScript(rules, proxy.port)).toString('base64')}`,
          // a mapped host must never fall back to being fetched from the real one
          'network.proxy.failover_direct': false,
        }
      : {}),
    ...(o.downloadDir
      ? {
          'browser.download.dir': o.downloadDir,
          'browser.download.folderList': 2,
          'browser.download.useDownloadDir': true,
          'browser.download.always_ask_before_handling_new_types': false,
          'browser.download.start_downloads_in_tmp_dir': false,
        }
      : {}),
    ...(o.prefs ?? {}),
  };
  const puppeteer = (await import('puppeteer-core')).default;
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: exe,
      headless: o.headless ?? true,
      userDataDir: o.profileDir ?? tmpProfile!,
      acceptInsecureCerts: !!o.insecure,
      // the window's own size, not an emulated viewport: as a person's browser (a phone's screen
      // is emulated: Firefox has no mobile window)
      defaultViewport: visitor.viewport,
      ...(Object.keys(visitor.env).length ? { env: { ...process.env, ...visitor.env } } : {}),
      // system access: extension pages (moz-extension://) and the privileged fixes in system.ts
      args: ['--remote-allow-system-access', '--window-size=1366,900', ...(o.extraArgs ?? [])],
      extraPrefsFirefox: prefs,
    });
  } catch (e) {
    await proxy?.close();
    cleanup();
    throw e;
  }
  function cleanup() {
    if (tmpProfile) {
      rmSync(tmpProfile, { recursive: true, force: true, maxRetries: 2 });
      tmpProfiles.delete(tmpProfile);
    }
  }
  const system = (expression: string) => systemEval(browser, expression);
  const close = async () => {
    await browser.close().catch(() => {});
    await proxy?.close();
    cleanup();
  };
  try {
    await system(CLEAR_WEBDRIVER_FLAG);
    await system(restorePrefsExpression(PUPPETEER_TEST_PREFS));
    await browser.installExtension(o.extensionDir);
  } catch (e) {
    await close();
    throw e;
  }
  const userAgent = await browser.userAgent();
  const extensionUrl = (path: string) => `moz-extension://${EXTENSION_UUID}/${path.replace(/^\//, '')}`;

  const extensionPage = async (path: string): Promise<FirefoxPage> => {
    const p = await browser.newPage();
    // goto to a moz-extension:// URL never resolves under BiDi: start it and wait for the document
    void p.goto(extensionUrl(path)).catch(() => {});
    for (let i = 0; ; i++) {
      // (puppeteer keeps reporting about:blank as the page's URL here: ask the document)
      const ready = await p.evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete').catch(() => false);
      if (ready) break;
      if (i > 200) throw new Error(`the extension page ${path} did not load`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return new FirefoxPage(p);
  };

  // An extension page kept open to reach the background page (its window holds the audit's hook).
  let bridge: Promise<FirefoxPage> | undefined;
  const inExtension = async <R, A>(fn: (x: never, arg: A) => R | Promise<R>, arg?: A): Promise<R> => {
    bridge ??= extensionPage('popup.html?tabId=-1');
    const page = await bridge;
    const side = '{ browser: globalThis.browser, candor: (await globalThis.browser.runtime.getBackgroundPage()).candor }';
    const json = (await page.raw.evaluate(`(async () => JSON.stringify({ v: await ${callExpression(fn as never, side, arg)} }))()`)) as string;
    return (JSON.parse(json) as { v: R }).v;
  };

  const launched: FirefoxLaunched = {
    name: 'firefox',
    raw: browser,
    browserLabel: ver.label,
    userAgent,
    extensionUuid: EXTENSION_UUID,
    newPage: async () => new FirefoxPage(await browser.newPage()),
    extensionPage,
    extensionUrl,
    inExtension: inExtension as AuditBrowser['inExtension'],
    // from the kept extension page, as the popup sends it (the background page does not hear its own)
    sendMessage: (msg) => inExtension((x: { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }, m: Record<string, unknown>) => x.browser.runtime.sendMessage(m), msg),
    onClose: (cb) => void browser.once('disconnected', cb),
    system,
    close,
  };
  // The background script may not have run yet: wait until its hook exists, or the first page is missed.
  for (let i = 0; i < 100; i++) {
    const ready = await launched.inExtension((x) => typeof x.candor === 'object').catch(() => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    if (!o.keepWelcome) await launched.inExtension(closeWelcomeTab as never);
    await prepareVisitor(
      {
        sendMessage: launched.sendMessage,
        setCookies: (cs) => browser.setCookie(...cs.map((c) => ({ name: c.name, value: c.value, domain: c.domain, path: c.path, httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite, ...(c.expires > 0 ? { expires: c.expires } : {}) }))),
      },
      o.visitor,
    );
  } catch (e) {
    await close();
    throw e;
  }
  return launched;
}
