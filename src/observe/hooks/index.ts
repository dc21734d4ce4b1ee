// Everything the MAIN-world script installs, in one list. Hooks are transparent: same return values,
// same exceptions; a hook's own failure is swallowed, never thrown into the page (docs/design.md).
import { flush } from './emit';
import { installConsentHooks } from './consent';
import { installExperimentsProbe } from './experiments';
import { installFingerprintHooks } from './fingerprint';
import { installGlobalsProbe } from './globals';
import { installKeylogHooks } from './keylog';
import { installOutgoingHooks } from './outgoing';
import { installPriceRewriteHook } from './price-rewrite';
import { installReplayHooks } from './replay';

// Order matters: keylog registers its own listeners before replay wraps addEventListener, and the
// outgoing hook is installed once its subscribers exist.
const INSTALLERS: [string, () => void][] = [
  ['globals', installGlobalsProbe],
  ['consent', installConsentHooks],
  ['keylog', installKeylogHooks],
  ['fingerprint', installFingerprintHooks],
  ['replay', installReplayHooks],
  ['experiments', installExperimentsProbe],
  ['price-rewrite', installPriceRewriteHook],
  ['outgoing', installOutgoingHooks],
];

export function installHooks(): void {
  for (const [name, install] of INSTALLERS) {
    try {
      install();
    } catch (e) {
      console.debug('[candor] hook failed to install', name, e);
    }
  }
  addEventListener('pagehide', flush, { capture: true });
}
