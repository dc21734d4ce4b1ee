// Everything the MAIN-world script installs, in one list. Hooks are transparent: same return values,
// same exceptions; a hook's own failure is swallowed, never thrown into the page (DESIGN.md).
import { flush } from './emit';
import { installConsentHooks } from './consent';
import { installGlobalsProbe } from './globals';

const INSTALLERS: [string, () => void][] = [
  ['globals', installGlobalsProbe],
  ['consent', installConsentHooks],
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
