// Every --interact probe, in the order they run. Adding one = a file here + one line.
import { rejectConsentProbe } from './reject-consent';
import type { Probe } from './types';

export const PROBES: readonly Probe[] = [rejectConsentProbe];

export async function runProbes(selected: readonly Probe[], page: Parameters<Probe['run']>[0], ctx: Parameters<Probe['run']>[1]): Promise<void> {
  for (const p of selected) {
    try {
      await p.run(page, ctx);
    } catch (e) {
      ctx.log(`probe ${p.name} failed on ${ctx.url}: ${(e as Error)?.message ?? e}`);
    }
  }
}
