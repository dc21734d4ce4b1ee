// The first-run page, opened once on install (src/background/first-run.ts).
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { ask } from '../../src/ui/ask';
import { t, uiLang } from '../../src/ui/i18n';
import { Welcome, type GpcCheckSwitch } from '../../src/ui/welcome/Welcome';
import { getDb } from '../../src/storage/db';
import { getSettings } from '../../src/storage/settings';
import '../../src/ui/report.css';
import '../../src/ui/welcome/welcome.css';

// read from the settings database, changed through the background (which re-applies its controls)
const gpcCheck: GpcCheckSwitch = {
  load: async () => (await getSettings(getDb())).gpcWellKnownCheck,
  save: async (on) => (await ask({ type: 'gpc/set', scope: 'well-known-check', on })).ok,
};

document.documentElement.lang = uiLang();
document.title = t('welcomeTitle');
createRoot(document.getElementById('root')!).render(
  <Welcome gpcCheck={gpcCheck} dashboardUrl={browser.runtime.getURL('/dashboard.html')} privacyUrl={browser.runtime.getURL('/PRIVACY.md' as '/dashboard.html')} />,
);
