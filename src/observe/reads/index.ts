// The page-state readouts of the second MAIN-world script (document_idle): consent APIs and experiment
// SDKs. Reads only, every read guarded (see emit.ts for why they post on a window event).
import { installConsentHooks } from './consent';
import { installExperimentsProbe } from './experiments';

export function installReads(): void {
  for (const install of [installConsentHooks, installExperimentsProbe]) {
    try {
      install();
    } catch (e) {
      console.debug('[candor] page read failed to install', e);
    }
  }
}
