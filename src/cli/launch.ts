// Starts headless Chromium with the built extension, presenting as an ordinary browser (docs/report.md):
// no webdriver flag, no "HeadlessChrome" in the user agent, a normal window size and language.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import { type AuditBrowser, callExpression } from './driver';
import { browserVersion, findChromium } from './find-browser';
import { prepareVisitor, type Visitor, visitorLaunch } from './views/visitor';

export interface LaunchOptions {
  extensionDir: string;
  profileDir?: string;
  hostResolverRules?: string;
  insecure?: boolean;
  headless?: boolean;
  extraArgs?: string[];
  /** who the browser presents as (a customer view): locale, phone, cookies, GPC; default an ordinary desktop */
  visitor?: Visitor;
}

export interface Launched extends AuditBrowser {
  readonly name: 'chromium';
  context: BrowserContext;
  extensionId: string;
  browserLabel: string;
  userAgent: string;
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

// Temporary profiles still on disk: removed on exit too, so a run stopped by Ctrl-C or SIGTERM (an
// evicted pod) does not leave one profile per browser behind in the temp folder.
const tmpProfiles = new Set<string>();
const liveBrowsers = new Set<Launched>();
process.once('exit', () => {
  for (const d of tmpProfiles) {
    try {
      rmSync(d, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // a browser still writing there: leave it rather than fail the exit
    }
  }
});

/** Closes every browser this process started (on Ctrl-C / SIGTERM), waiting at most `ms`. */
export async function closeAllBrowsers(ms = 5000): Promise<void> {
  await Promise.race([Promise.all([...liveBrowsers].map((b) => b.close().catch(() => {}))), new Promise((r) => setTimeout(r, ms))]);
}

/**
 * The ordinary-browser flags and context options, without the extension. Shared with launchPlain so
 * the benchmark's "without Candor" browser differs from the audit's in the extension alone.
 */
function ordinaryBrowser(o: Omit<LaunchOptions, 'extensionDir'>, extensionArgs: string[]) {
  const exe = findChromium();
  const ver = browserVersion(exe);
  const visitor = visitorLaunch(o.visitor, ver.major);
  const userAgent = visitor.userAgent ?? `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${ver.major || 130}.0.0.0 Safari/537.36`;
  const tmpProfile = o.profileDir ? undefined : mkdtempSync(join(tmpdir(), 'candor-profile-'));
  if (tmpProfile) tmpProfiles.add(tmpProfile);
  const args = [
    ...extensionArgs,
    '--disable-blink-features=AutomationControlled',
    `--user-agent=${userAgent}`,
    ...visitor.args,
    '--window-size=1366,900',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...(o.hostResolverRules ? [`--host-resolver-rules=${o.hostResolverRules}`] : []),
    ...(o.insecure ? ['--ignore-certificate-errors'] : []),
    ...(o.extraArgs ?? []),
  ];
  const launch = () =>
    chromium.launchPersistentContext(o.profileDir ?? tmpProfile!, {
      executablePath: exe,
      headless: o.headless ?? true,
      args,
      ignoreDefaultArgs: ['--enable-automation'],
      userAgent,
      viewport: { width: 1366, height: 900 },
      ...visitor.context,
      ignoreHTTPSErrors: !!o.insecure,
    });
  const cleanup = () => {
    if (tmpProfile) {
      rmSync(tmpProfile, { recursive: true, force: true });
      tmpProfiles.delete(tmpProfile);
    }
  };
  return { ver, userAgent, launch, cleanup };
}

/** The same browser without any extension: the benchmark's baseline. */
export async function launchPlain(o: Omit<LaunchOptions, 'extensionDir'>): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const b = ordinaryBrowser(o, []);
  const context = await b.launch();
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      b.cleanup();
    },
  };
}

export async function launchWithExtension(o: LaunchOptions): Promise<Launched> {
  const b = ordinaryBrowser(o, [`--disable-extensions-except=${o.extensionDir}`, `--load-extension=${o.extensionDir}`]);
  const { ver, userAgent } = b;
  const context = await b.launch();
  let sw = context.serviceWorkers()[0];
  if (!sw) sw = await context.waitForEvent('serviceworker', { timeout: 20000 });
  const extensionId = new URL(sw.url()).host;
  // The worker exists before its script has run: wait until its listeners are registered, or the
  // first navigation is missed.
  for (let i = 0; i < 100; i++) {
    const ready = await sw.evaluate(() => typeof (globalThis as unknown as { candor?: unknown }).candor === 'object').catch(() => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const worker = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
    if (live) return live;
    // The worker was stopped (idle): any extension page wakes it.
    const p = await context.newPage();
    const waiting = context.waitForEvent('serviceworker', { timeout: 20000 });
    await p.goto(`chrome-extension://${extensionId}/popup.html`).catch(() => {});
    const w = context.serviceWorkers().find((x) => x.url().startsWith(`chrome-extension://${extensionId}/`)) ?? (await waiting);
    await p.close();
    return w;
  };
  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
  const launched: Launched = {
    name: 'chromium',
    context,
    extensionId,
    browserLabel: ver.label,
    userAgent,
    worker,
    newPage: () => context.newPage(),
    extensionUrl,
    extensionPage: async (path) => {
      const p = await context.newPage();
      await p.goto(extensionUrl(path));
      return p;
    },
    // MV3 Chromium: chrome.* returns promises, so it serves as the promise-based API
    inExtension: async (fn, arg) => (await worker()).evaluate(callExpression(fn, '{ browser: globalThis.chrome, candor: globalThis.candor }', arg)),
    onClose: (cb) => void context.once('close', cb),
    close: async () => {
      liveBrowsers.delete(launched);
      await context.close().catch(() => {});
      b.cleanup();
    },
  };
  liveBrowsers.add(launched);
  try {
    await prepareVisitor(launched, o.visitor);
  } catch (e) {
    await launched.close();
    throw e;
  }
  return launched;
}
