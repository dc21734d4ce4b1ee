// Starts the browser the audit was asked for (--browser), with the built extension for that browser.
// Firefox's driver (puppeteer-core) is loaded only when Firefox is asked for.
import type { AuditBrowser, BrowserName } from './driver';
import { closeAllBrowsers as closeAllChromiums, launchWithExtension, type LaunchOptions } from './launch';

const firefoxes = new Set<AuditBrowser>();

export async function launchAuditBrowser(name: BrowserName, o: LaunchOptions): Promise<AuditBrowser> {
  if (name === 'chromium') return launchWithExtension(o);
  const { launchFirefox } = await import('./firefox/launch');
  const b = await launchFirefox(o);
  firefoxes.add(b);
  b.onClose(() => firefoxes.delete(b));
  return b;
}

/** Closes every browser this process started (on Ctrl-C / SIGTERM), waiting at most `ms`. */
export async function closeAllBrowsers(ms = 5000): Promise<void> {
  await Promise.all([
    closeAllChromiums(ms),
    Promise.race([Promise.all([...firefoxes].map((b) => b.close().catch(() => {}))), new Promise((r) => setTimeout(r, ms))]),
  ]);
}

/** The build each browser runs (npm run build writes both). */
export const DEFAULT_EXTENSION_DIR: Record<BrowserName, string> = {
  chromium: '.output/chrome-mv3',
  firefox: '.output/firefox-mv2',
};
