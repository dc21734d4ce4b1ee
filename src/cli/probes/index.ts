// Every --interact probe, in the order they run. Adding one = a file here + one line.
import { canaryTypingProbe } from './canary-typing';
import { cleanPriceProbe } from './clean-price';
import { openChatProbe } from './open-chat';
import { rejectConsentProbe } from './reject-consent';
import type { Probe } from './types';

// reject-consent runs last: the others act on the page as a person who has not answered the banner
export const PROBES: readonly Probe[] = [canaryTypingProbe, openChatProbe, cleanPriceProbe, rejectConsentProbe];

export async function runProbes(selected: readonly Probe[], page: Parameters<Probe['run']>[0], ctx: Parameters<Probe['run']>[1]): Promise<void> {
  for (const p of selected) {
    try {
      await p.run(page, ctx);
    } catch (e) {
      ctx.log(`probe ${p.name} failed on ${ctx.url}: ${(e as Error)?.message ?? e}`);
    }
  }
}
