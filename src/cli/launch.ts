// Starts headless Chromium with the built extension, presenting as an ordinary browser (docs/report.md):
// no webdriver flag, no "HeadlessChrome" in the user agent, a normal window size and language.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { type AuditBrowser, callExpression } from './driver';
import { browserVersion, findChromium } from './find-browser';
import { prepareVisitor, sendFromExtensionPage, type Visitor, visitorLaunch } from './views/visitor';

export interface LaunchOptions {
  extensionDir: string;
  profileDir?: string;
  hostResolverRules?: string;
  insecure?: boolean;
  headless?: boolean;
  extraArgs?: string[];
  /** who the browser presents as (a customer view): locale, phone, cookies, GPC; default an ordinary desktop */
  visitor?: Visitor;
  /** run Chromium without its sandbox (--no-sandbox, or CANDOR_NO_SANDBOX=1): see sandboxOff */
  noSandbox?: boolean;
  /** leave the first-run welcome tab open (tests of that page); by default it is closed at start */
  keepWelcome?: boolean;
}

/**
 * In the extension (worker or background page): waits for the welcome tab the install opened (the
 * `candor.firstRun` promise answers at once when none will open) and closes it, so a fresh profile
 * gives the audit and the tests no tab of their own in front of theirs. 10 s at most.
 */
export async function closeWelcomeTab(x: { browser: { tabs: { remove(id: number): Promise<void> } }; candor: { firstRun?: Promise<number | null> } }): Promise<boolean> {
  const id = await Promise.race([x.candor.firstRun ?? null, new Promise<null>((r) => setTimeout(() => r(null), 10000))]);
  if (id === null) return false;
  await x.browser.tabs.remove(id).catch(() => {});
  return true;
}

/**
 * Chromium's sandbox stays on: it is what keeps a page that exploits a browser bug inside the
 * renderer. Chromium refuses to start its sandbox as root, so as root the audit stops with a plain
 * message unless the sandbox is switched off explicitly (--no-sandbox, or CANDOR_NO_SANDBOX=1 for
 * test harnesses and scripts that start the browser themselves), and then says so on every run.
 * The way to audit from a container is an unprivileged user (README, "Running in a container").
 */
export class SandboxError extends Error {}

let warned = false;

export function sandboxOff(o: { noSandbox?: boolean }, env: NodeJS.ProcessEnv = process.env, uid = process.getuid?.()): boolean {
  const off = !!o.noSandbox || env.CANDOR_NO_SANDBOX === '1';
  if (!off && uid === 0) {
    throw new SandboxError(
      "Chromium's sandbox cannot run as root, and the audit does not switch it off by itself: a page that exploits " +
        'a browser bug would get root. Run the audit as an unprivileged user (README, "Running in a container"), ' +
        'or, where that is impossible, pass --no-sandbox (or set CANDOR_NO_SANDBOX=1) to accept the risk.',
    );
  }
  return off;
}

function warnSandboxOff(uid = process.getuid?.()): void {
  if (warned) return;
  warned = true;
  process.stderr.write(
    `audit: warning: Chromium's sandbox is OFF (--no-sandbox / CANDOR_NO_SANDBOX=1)${uid === 0 ? ', as root' : ''}: a page that exploits a browser bug runs with this user's rights. Audit untrusted sites as an unprivileged user with the sandbox on.\n`,
  );
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
  const noSandbox = sandboxOff(o);
  if (noSandbox) warnSandboxOff();
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
    ...(o.hostResolverRules ? [`--host-resolver-rules=${o.hostResolverRules}`] : []),
    ...(o.insecure ? ['--ignore-certificate-errors'] : []),
    ...(o.extraArgs ?? []),
  ];
  const launch = () =>
    chromium.launchPersistentContext(o.profileDir ?? tmpProfile!, {
      executablePath: exe,
      headless: o.headless ?? true,
      // Playwright passes --no-sandbox unless told otherwise: the sandbox stays on unless opted out
      chromiumSandbox: !noSandbox,
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
  const context = await b.launch().catch((e: unknown) => {
    // not root, sandbox on, but the system forbids the user namespaces it needs (a container's
    // default seccomp profile): say what to change rather than "the browser closed"
    if (/No usable sandbox/i.test(String((e as Error)?.message))) {
      throw new SandboxError(
        "Chromium could not start its sandbox: this system (often a container's seccomp profile) forbids the user namespaces it needs. " +
          'See README, "Running in a container", for a profile that allows them; --no-sandbox runs without it, at your risk.',
      );
    }
    throw e;
  });
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
    guard: (page, refuse) => guardDocuments(context, page as unknown as Page, refuse),
    extensionUrl,
    extensionPage: async (path) => {
      const p = await context.newPage();
      await p.goto(extensionUrl(path));
      return p;
    },
    sendMessage: (msg) => sendFromExtensionPage(launched, msg),
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
    if (!o.keepWelcome) await launched.inExtension(closeWelcomeTab as never);
    await prepareVisitor({ sendMessage: launched.sendMessage, setCookies: (c) => context.addCookies([...c]) }, o.visitor);
  } catch (e) {
    await launched.close();
    throw e;
  }
  return launched;
}

/**
 * Holds each document request of the page (DevTools Fetch domain, request stage: the top frame, its
 * frames, and every redirect hop, which Chromium pauses again) until `refuse` answers. A refused
 * request fails as "blocked", so the page never reaches that address.
 */
async function guardDocuments(context: BrowserContext, page: Page, refuse: (url: string, topFrame: boolean) => Promise<boolean>): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const tree = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const top = tree.frameTree.frame.id;
  cdp.on('Fetch.requestPaused', (e: { requestId: string; request: { url: string }; frameId: string }) => {
    void refuse(e.request.url, e.frameId === top)
      .catch(() => true) // when in doubt, do not follow
      .then((no) =>
        no
          ? cdp.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'BlockedByClient' })
          : cdp.send('Fetch.continueRequest', { requestId: e.requestId }),
      )
      .catch(() => {}); // the page closed meanwhile
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }] });
}
