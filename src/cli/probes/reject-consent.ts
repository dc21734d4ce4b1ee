// `audit --interact`: asks the extension to reject the page's consent banner, the way the popup's
// "Reject this banner" button does (a message from an extension page to the background, which runs
// autoconsent's opt-out in the page), then lets the page run so what it does after a refusal is
// observed. The probe detects nothing: the extension's report says what happened.
import type { Probe } from './types';

/** how long the page is watched after the refusal (trackers that keep firing, Google hits still "granted") */
const AFTER_REJECT_MS = 4000;

type Api = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; message: string }> } };

export const rejectConsentProbe: Probe = {
  name: 'reject-consent',
  description: 'reject the consent banner through the extension, then observe the page after the refusal',
  async run(page, ctx) {
    const ext = await ctx.ext.extensionPage(`popup.html?tabId=${ctx.tabId}`);
    let reply: { ok: boolean; message: string } | null = null;
    try {
      // Firefox's promise-based API is `browser`; Chromium's (MV3) is `chrome`
      reply = await ext.evaluate(
        (tabId: number) =>
          ((globalThis as unknown as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome).runtime.sendMessage({
            type: 'consent/reject',
            tabId,
            always: false,
          }),
        ctx.tabId,
      );
    } finally {
      await ext.close().catch(() => {});
    }
    ctx.log(`reject-consent on ${ctx.url}: ${reply?.message ?? 'no answer'}`);
    if (reply?.ok) await page.waitForTimeout(AFTER_REJECT_MS);
  },
};
