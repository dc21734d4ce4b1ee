// `npm run demo`: serves the bundled demo sites (seeds/demo) on loopback, audits them with the built
// extension in headless Chromium, prints a summary and writes out/<site>.{json,html,png}.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditUrls, isAuditError } from './audit';
import { findingsCsv } from './csv';
import { indexHtml } from './index-page';
import { summarise, siteFileName, writeReportFiles } from './output';
import { serveSites } from './site-server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function demo(): Promise<number> {
  const out = resolve(process.env.CANDOR_DEMO_OUT ?? join(ROOT, 'out'));
  mkdirSync(out, { recursive: true });
  const { urls } = JSON.parse(readFileSync(join(ROOT, 'seeds/demo/demo.json'), 'utf8')) as { urls: string[] };
  const server = await serveSites({ roots: [join(ROOT, 'seeds/demo/sites')], projectRoot: ROOT });
  process.stdout.write(`Candor demo: auditing ${urls.length} demo sites served on 127.0.0.1:${server.port}\n\n`);
  try {
    const results = await auditUrls(urls, {
      extensionDir: join(ROOT, '.output/chrome-mv3'),
      hostResolverRules: server.hostResolverRules,
      insecure: true,
      // the demo sites are served on loopback by this process
      allowPrivate: true,
      // The demo loads only its own bundled pages, so as root (a container) it runs Chromium without
      // its sandbox rather than not at all — and says so (launch.ts). The audit never does this by itself.
      noSandbox: process.getuid?.() === 0,
      onResult: (r) => {
        process.stdout.write(summarise(r) + '\n');
        if (!isAuditError(r)) writeReportFiles(out, r);
      },
      popupScreenshot: (_i, png, report) => writeFileSync(join(out, `${siteFileName(report.site)}.png`), png),
    });
    writeFileSync(join(out, 'reports.json'), JSON.stringify(results, null, 2));
    const entries = results.map((result, i) => ({ input: urls[i]!, result }));
    writeFileSync(join(out, 'index.html'), indexHtml(entries, { data: ['reports.json', 'findings.csv'] }));
    writeFileSync(join(out, 'findings.csv'), findingsCsv(entries));
    process.stdout.write(`Reports written to ${out}/ (index.html over all sites, <site>.html, <site>.json, <site>.png popup screenshot, reports.json, findings.csv)\n`);
    return results.some(isAuditError) ? 3 : 0;
  } finally {
    await server.close();
  }
}

demo().then(
  (c) => process.exit(c),
  (e) => {
    process.stderr.write(`demo: ${(e as Error)?.message ?? e}\n`);
    process.exit(1);
  },
);
