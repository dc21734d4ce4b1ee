import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { writeChunkList } from './scripts/chunk-list';
import { leanEntries } from './scripts/lean-entries';

// The manifest is the extension's promise to its users: every permission here is
// listed in tests/permissions.allowlist.json and CI fails when they drift apart.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  hooks: {
    // the privacy policy, the licence and the bundled data's notices travel inside the package (store
    // reviewers and the person can read them there); the top-level files stay the only copies
    'build:publicAssets': (wxt, files) => {
      for (const f of ['PRIVACY.md', 'LICENSE', 'THIRD_PARTY_NOTICES']) files.push({ absoluteSrc: resolve(wxt.config.root, f), relativeDest: f });
    },
    'build:done': (wxt, output) => writeChunkList(wxt.config.outDir, wxt.config.root, output as never),
  },
  // CANDOR_NO_MINIFY=1: readable bundles, for profiling where the content scripts spend their time
  // The extension pages render with preact/compat: the same React API in ~15 kB instead of
  // react-dom's ~200 kB, which alone was most of what the popup loads before it can show a report
  // (tests/unit/popup-bundle.test.ts holds the popup under 250 kB). Unit tests render with React.
  vite: () => ({
    plugins: [leanEntries()],
    resolve: {
      // CANDOR_REACT=1: the same pages on react-dom, to compare
      alias: process.env.CANDOR_REACT ? [] : [
        { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
        { find: /^react-dom$/, replacement: 'preact/compat' },
        { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
        { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
        { find: /^react$/, replacement: 'preact/compat' },
      ],
    },
    ...(process.env.CANDOR_NO_MINIFY ? { build: { minify: false } } : {}),
  }),
  manifest: ({ browser }) => ({
    name: 'Candor',
    // UI strings live in public/_locales (English and German); the manifest must name the default.
    default_locale: 'en',
    description:
      'See how the sites you visit market to you with data and AI: trackers, AI chat, personalised prices, consent and your rights.',
    permissions: [
      'storage',
      'unlimitedStorage',
      'webRequest',
      'webNavigation',
      'tabs',
      'declarativeNetRequest',
      // the daily retention sweep (src/background/retention.ts)
      'alarms',
      // run autoconsent's named snippets in the page (banner opt-out) and register the
      // MAIN-world GPC script only while the person has GPC on
      'scripting',
      // Firefox only (Chromium has no such API): canonical names of first-party hosts, to see
      // trackers behind a DNS alias (src/background/canonical-names.ts)
      ...(browser === 'firefox' ? ['dns'] : []),
    ],
    host_permissions: ['<all_urls>'],
    incognito: browser === 'firefox' ? 'spanning' : 'split',
    content_security_policy:
      browser === 'firefox'
        ? "script-src 'self'; object-src 'self'"
        : { extension_pages: "script-src 'self'; object-src 'self'" },
    // The gecko id is permanent once addons.mozilla.org has signed a version: updates and every user's
    // stored history are tied to it. The e-mail-like form is the one AMO documents; the domain need
    // not resolve. 140 / 142: the first Firefox (desktop / Android) that reads
    // data_collection_permissions, which AMO requires ("none": Candor sends nothing anywhere).
    browser_specific_settings:
      browser === 'firefox'
        ? {
            gecko: { id: 'candor@candor-extension.org', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
            gecko_android: { strict_min_version: '142.0' },
          }
        : undefined,
    // The document_start relay of the MAIN-world hooks (entrypoints/relay.ts): an unlisted script, so
    // it carries nothing but itself. The other content scripts are declared in their entry points.
    content_scripts: [{ matches: ['<all_urls>'], run_at: 'document_start', all_frames: true, match_about_blank: true, js: ['relay.js'] }],
    action: { default_title: 'Candor: how this site markets to you' },
  }),
});
