// Checks made before any URL is visited, so a run that cannot work stops at once with a usage error
// (exit 2) that says what to do, rather than failing every URL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './args';
import type { BrowserName } from './driver';
import { findFirefox } from './firefox/find-firefox';
import { HostRulesError, parseHostRules } from './firefox/host-rules';

export function checkBrowser(name: BrowserName, extensionDir: string, hostResolverRules?: string): void {
  if (name !== 'firefox') return;
  findFirefox(); // NoBrowserError says how to install it
  let manifest: { browser_specific_settings?: { gecko?: { id?: string } } };
  try {
    manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${extensionDir}/manifest.json: ${(e as Error).message}`);
  }
  if (!manifest.browser_specific_settings?.gecko?.id) {
    throw new UsageError(`${extensionDir} is not a Firefox build of the extension (its manifest names no gecko id): run \`npm run build:firefox\` and use .output/firefox-mv2`);
  }
  if (hostResolverRules) {
    try {
      parseHostRules(hostResolverRules);
    } catch (e) {
      if (e instanceof HostRulesError) throw new UsageError(`--host-resolver-rules: ${e.message}`);
      throw e;
    }
  }
}
