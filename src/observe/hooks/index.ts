// Everything the MAIN-world script installs, in one list. Hooks are transparent: same return values,
// same exceptions; a hook's own failure is swallowed, never thrown into the page (docs/design.md).
import { flush, openChannel } from './emit';
import { installFingerprintHooks } from './fingerprint';
import { installGlobalsProbe } from './globals';
import { installKeylogHooks } from './keylog';
import { installOutgoingHooks } from './outgoing';
import { installPriceRewriteHook } from './price-rewrite';
import { installReplayHooks } from './replay';
import { installStorageHooks } from './storage';
import { installWorkerHooks } from './workers';

// Order matters: keylog registers its own listeners before replay wraps addEventListener, and the
// outgoing hook is installed once its subscribers exist.
const INSTALLERS: [string, () => void][] = [
  ['globals', installGlobalsProbe],
  ['keylog', installKeylogHooks],
  ['fingerprint', installFingerprintHooks],
  ['replay', installReplayHooks],
  ['price-rewrite', installPriceRewriteHook],
  ['storage', installStorageHooks],
  ['workers', installWorkerHooks],
  ['outgoing', installOutgoingHooks],
];

export function installHooks(): void {
  try {
    openChannel();
  } catch (e) {
    console.debug('[candor] channel', e);
  }
  for (const [name, install] of INSTALLERS) {
    try {
      install();
    } catch (e) {
      console.debug('[candor] hook', name, e);
    }
  }
  addEventListener('pagehide', () => flush(), { capture: true });
}
