// audit_pages_per_min: the audit (auditUrls, the same code as `npm run audit`) over the fixture
// pages, with --concurrency 2 where AuditOptions has it. Pages per minute of wall time, browser
// start included, as a person running the command sees it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditUrls, isAuditError, type AuditOptions } from '../../src/cli/audit';
import { serveSites } from '../../src/cli/site-server';
import type { Result } from './figures';
import { fixturePages } from './browsers';
import { log, median, round } from './stats';

/** whether this checkout's audit takes a concurrency option */
function hasConcurrency(root: string): boolean {
  return /\bconcurrency\??\s*:/.test(readFileSync(join(root, 'src/cli/audit.ts'), 'utf8'));
}

export async function benchAudit(root: string, quick: boolean): Promise<Result> {
  const server = await serveSites({ roots: [join(root, 'tests/fixtures/sites')], projectRoot: root });
  try {
    const pages = fixturePages(root, server);
    const urls: string[] = [];
    while (urls.length < (quick ? 4 : 10)) urls.push(...pages);
    const concurrency = hasConcurrency(root) ? 2 : 1;
    const runs = quick ? 1 : 2;
    log(`audit: ${runs} run(s) of ${urls.length} URLs (${pages.length} fixture pages, repeated), concurrency ${concurrency}`);
    const perMin: number[] = [];
    let failed = 0;
    for (let r = 0; r < runs; r++) {
      const o = { extensionDir: join(root, '.output/chrome-mv3'), hostResolverRules: server.hostResolverRules, insecure: true, allowPrivate: true, concurrency, log: () => {} } as AuditOptions;
      const t0 = performance.now();
      const results = await auditUrls(urls, o);
      perMin.push((urls.length * 60000) / (performance.now() - t0));
      failed += results.filter(isAuditError).length;
    }
    return {
      name: 'audit_pages_per_min',
      value: round(median(perMin), 2),
      baseline: `auditUrls over ${urls.length} fixture URLs, default settle time, browser start included, concurrency ${concurrency}${concurrency === 1 ? ' (AuditOptions has no concurrency yet)' : ''}; median of ${runs} run(s)`,
      notes: failed ? [`${failed} URL(s) failed to audit`] : [],
    };
  } finally {
    await server.close();
  }
}
