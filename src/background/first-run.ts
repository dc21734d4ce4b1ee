// The first run: on install, one welcome tab (what Candor shows, that nothing leaves the browser, the
// one automatic request with its switch). Never on an update, a browser restart or a worker restart,
// and not again when Firefox kept the profile's data across a reinstall (the person has seen it).
import type { CandorDb } from '../storage/db';

/** settings-table key: when the welcome page was opened (or the profile was found to predate it) */
export const WELCOMED_KEY = 'welcomedAt';
export const WELCOME_PAGE = 'welcome.html';

export interface FirstRunDeps {
  db: CandorDb;
  /** opens the welcome page in a new tab; its tab id */
  openWelcome(): Promise<number | undefined>;
  now?: () => number;
}

/** What runtime.onInstalled does: the id of the welcome tab it opened, or null. */
export async function onInstalled(reason: string, deps: FirstRunDeps): Promise<number | null> {
  const seen = await deps.db.settings.get(WELCOMED_KEY);
  if (seen) return null;
  // an update (or a Chrome update, a shared module): the person installed Candor long ago
  const open = reason === 'install';
  const tabId = open ? ((await deps.openWelcome()) ?? null) : null;
  await deps.db.settings.put({ key: WELCOMED_KEY, value: (deps.now ?? Date.now)() });
  return tabId;
}

/**
 * Wires onInstalled and answers, for the audit and the tests, "which welcome tab did this start open?"
 * (`settled`): the tab id once the install was handled, or null at once when the profile already saw
 * the welcome (no install is coming). The launchers close that tab so a run's pages stay in front.
 */
export function startFirstRun(deps: FirstRunDeps, addListener: (cb: (details: { reason: string }) => void) => void): { settled: Promise<number | null> } {
  let settle!: (v: number | null) => void;
  const settled = new Promise<number | null>((r) => (settle = r));
  let installing = false;
  addListener((d) => {
    installing = true;
    onInstalled(d.reason, deps).then(settle, (e) => {
      console.error('[candor] first run', e);
      settle(null);
    });
  });
  void deps.db.settings.get(WELCOMED_KEY).then(
    (row) => {
      if (row && !installing) settle(null);
    },
    () => {},
  );
  return { settled };
}
