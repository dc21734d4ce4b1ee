// Importing reports: valid files round-trip; malformed, truncated, oversized or wrong-version files
// give a clear ImportError and leave the database exactly as it was (property-based, fast-check).
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FindingDraft } from '../../src/model/finding';
import type { SiteReport } from '../../src/model/report';
import { mergeDraft } from '../../src/background/merge';
import { buildReport as buildSiteReport } from './build-report';
import { exportJson } from '../../src/report/export-json';
import { CandorDb } from '../../src/storage/db';
import { ImportError, importReports, MAX_IMPORT_CHARS } from '../../src/storage/import';
import { reportForVisit } from '../../src/report/from-db';
import { visitSummary } from '../../src/report/facts';
import { visitFor } from './helpers';

let db: CandorDb;
let n = 0;
beforeEach(async () => {
  db = new CandorDb(`import-${n++}`);
  await db.open();
  // something already stored, which a failed import must not touch
  await db.visits.put({ id: 'old', site: 'old.example', url: 'https://old.example/', tabId: 1, startedAt: 5, trackerCount: 1, findingCount: 1 });
  await db.sites.put({ site: 'old.example', firstSeen: 5, lastSeen: 5, visits: 1, lastUrl: 'https://old.example/', lastVisitId: 'old' });
});

async function dump() {
  return { visits: await db.visits.toArray(), findings: await db.findings.toArray(), reports: await db.reports.toArray(), sites: await db.sites.toArray() };
}

const hostile = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '\u202e\u0000'));
const draftArb = fc.record({
  kind: fc.constantFrom('tracker' as const, 'session-replay' as const, 'ai-chat' as const, 'rights-link' as const),
  vendor: hostile,
  detail: hostile,
});
const reportArb = fc
  .record({ host: fc.constantFrom('shop.example', 'news.example', 'a.b.example'), path: hostile, drafts: fc.array(draftArb, { maxLength: 6 }), t: fc.integer({ min: 1e12, max: 2e12 }) })
  .map(({ host, path, drafts, t }): SiteReport => {
    const visit = visitFor(`https://${host}/${encodeURIComponent(path)}`, `v${t}`);
    const stored = drafts.map((d, i) => {
      const draft: FindingDraft = { kind: d.kind, key: `${d.kind}:${i}`, vendor: d.vendor || undefined, source: 'network', confidence: 'likely', evidence: [{ detail: d.detail, at: new Date(t).toISOString() }], details: { note: d.detail } };
      return mergeDraft(undefined, draft, visit, t);
    });
    return buildSiteReport({ visit, findings: stored, tool: { version: '0.1.0', browser: 'chromium 156' }, now: new Date(t) });
  });

describe('importReports', () => {
  it('stores every valid report as a visit with its findings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(reportArb, { minLength: 1, maxLength: 4 }), async (reports) => {
        await db.reports.clear();
        await db.visits.where('id').notEqual('old').delete();
        const { imported } = await importReports(db, exportJson(reports));
        expect(imported).toBe(reports.length);
        const visits = await db.visits.where('id').startsWith('import-').toArray();
        // the same report twice is one visit (re-import replaces)
        const distinct = new Set(reports.map((r) => `${r.site}|${r.url}|${r.generatedAt}`));
        expect(visits).toHaveLength(distinct.size);
        for (const v of visits) {
          const r = reports.filter((x) => x.site === v.site && x.url === v.url && Date.parse(x.generatedAt) === v.startedAt).pop()!;
          expect((await db.reports.get(v.id))?.raw).toHaveLength(r.findings.length);
        }
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it('an imported visit gets its report row and summary, so it reads back as the report that was exported', async () => {
    const t = 1_763_800_000_000;
    const visit = visitFor('https://shop.example/p/1', 'v-import');
    const drafts: FindingDraft[] = [
      { kind: 'tracker', key: 'tracker:Criteo', vendor: 'Criteo', company: 'Criteo', category: 'advertising', source: 'network', confidence: 'certain', evidence: [{ url: 'https://static.criteo.net/js/ld.js', at: new Date(t).toISOString() }], details: { domain: 'static.criteo.net' } },
      // blocked by the browser: credited, not "seeing you"
      { kind: 'tracker', key: 'tracker:DoubleClick', vendor: 'DoubleClick', company: 'Google', category: 'advertising', source: 'network', confidence: 'certain', assessment: 'good', evidence: [{ url: 'https://ad.doubleclick.net/x', at: new Date(t).toISOString() }], details: { domain: 'ad.doubleclick.net', blocked: true } },
      { kind: 'rights-link', key: 'rights-link:privacy', title: 'Privacy policy link', source: 'dom', confidence: 'certain', evidence: [{ url: 'https://shop.example/privacy', at: new Date(t).toISOString() }], details: {} },
    ];
    const original = buildSiteReport({ visit, findings: drafts.map((d) => mergeDraft(undefined, d, visit, t)), tool: { version: '0.1.0', browser: 'chromium 156' }, now: new Date(t) });
    await importReports(db, exportJson([original]));
    const [v] = await db.visits.where('id').startsWith('import-').toArray();
    const row = await db.reports.get(v!.id);
    expect(row?.site).toBe('shop.example');
    expect(row?.findings.map((f) => f.vendor ?? f.title)).toEqual(['Criteo', 'DoubleClick', 'Privacy policy link']);
    expect(v!.summary).toEqual(visitSummary(row!.findings));
    expect(v!.summary?.seenBy.map((s) => s.company)).toEqual(['Criteo']);
    // the report the popup and dashboard build from the stored row says what the export said
    const back = await reportForVisit(db, v!, { version: '0.1.0', browser: 'chromium 156' });
    expect(back.grade).toBe(original.grade);
    expect(back.principles).toEqual(original.principles);
    expect(back.findings.map((f) => [f.kind, f.vendor, f.assessment, f.title])).toEqual(original.findings.map((f) => [f.kind, f.vendor, f.assessment, f.title]));
    // one row: no finding rows of its own
    expect(await db.findings.where('visitId').equals(v!.id).count()).toBe(0);
  });

  it('a single report (not an array) is accepted too, and re-importing it adds nothing', async () => {
    const [r] = fc.sample(reportArb.filter((x) => x.findings.length > 0), 1);
    await importReports(db, JSON.stringify(r));
    const before = await dump();
    await importReports(db, JSON.stringify(r));
    expect((await dump()).reports).toEqual(before.reports);
    expect((await dump()).visits).toEqual(before.visits);
  });

  const rejects = async (text: string, reason?: string) => {
    const before = await dump();
    const err = await importReports(db, text).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportError);
    if (reason) expect((err as ImportError).reason).toBe(reason);
    expect((err as Error).message.length).toBeGreaterThan(10);
    expect(await dump()).toEqual(before);
    return err as ImportError;
  };

  it('truncated files are refused and change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(reportArb, { minLength: 1, maxLength: 3 }), fc.double({ min: 0, max: 0.999, noNaN: true }), async (reports, cut) => {
        const text = exportJson(reports);
        await rejects(text.slice(0, Math.floor(text.length * cut)));
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('arbitrary JSON and arbitrary text are refused and change nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.json(), async (j) => void (await rejects(j))), { numRuns: 60 });
    await fc.assert(fc.asyncProperty(fc.string(), async (s) => void (await rejects(s))), { numRuns: 60 });
  }, 60_000);

  it('one bad report in a file of good ones: nothing at all is imported', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(reportArb, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.constantFrom<(r: Record<string, unknown>) => void>(
          (r) => delete r.site,
          (r) => (r.grade = 'Z'),
          (r) => ((r.findings as Record<string, unknown>[]).push({ kind: 'no-such-kind' })),
          (r) => (r.findings = 'x'),
          (r) => (r.principles = null),
          (r) => (r.url = 'x'.repeat(6000)),
        ),
        async (reports, at, spoil) => {
          const list = JSON.parse(exportJson(reports)) as Record<string, unknown>[];
          spoil(list[at % list.length]!);
          await rejects(JSON.stringify(list), 'invalid');
        },
      ),
      { numRuns: 30 },
    );
  }, 60_000);

  it('wrong and future schema versions get their own clear message', async () => {
    const [r] = fc.sample(reportArb, 1);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 1e6 }), async (v) => {
        const err = await rejects(JSON.stringify({ ...r, schemaVersion: v }), 'future-version');
        expect(err.message).toMatch(/newer version of Candor/);
      }),
      { numRuns: 20 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ max: 0 }), fc.constant('1'), fc.constant(null), fc.double({ min: 1.01, max: 1.99 })), async (v) => {
        const err = await rejects(JSON.stringify({ ...r, schemaVersion: v }), 'wrong-version');
        expect(err.message).toMatch(/unknown report format version/);
      }),
      { numRuns: 20 },
    );
    const { schemaVersion: _drop, ...noVersion } = r!;
    await rejects(JSON.stringify(noVersion), 'wrong-version');
  });

  it('oversized files are refused before parsing', async () => {
    const err = await rejects(' '.repeat(MAX_IMPORT_CHARS + 1), 'too-large');
    expect(err.message).toMatch(/too large/);
  });

  it('a storage failure half-way rolls everything back', async () => {
    const reports = fc.sample(reportArb.filter((x) => x.findings.length > 0), 3);
    const text = exportJson(reports.map((r, i) => ({ ...r, url: `${r.url}?${i}` })));
    let calls = 0;
    const real = db.reports.put.bind(db.reports);
    db.reports.put = ((...a: Parameters<typeof real>) => {
      if (++calls === 2) throw Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
      return real(...a);
    }) as typeof real;
    const err = await rejects(text, 'storage');
    expect(err.message).toMatch(/storage is full/);
  });
});
