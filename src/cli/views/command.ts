// `npm run audit -- views [--views LIST] [--out DIR] [--json] [the audit's other flags] URL...`
// (docs/views.md). With --json, stdout holds the one views object and nothing else.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultConcurrency, parseArgs, UsageError } from '../args';
import { NoBrowserError } from '../find-browser';
import { checkBrowser } from '../check-browser';
import { SandboxError } from '../launch';
import { closeAllBrowsers, DEFAULT_EXTENSION_DIR } from '../launch-any';
import { computeDifferences } from './differences';
import { formatViews, forTerminal, viewsFile, writeViewsOut } from './output';
import { jsonForTerminal, safeText } from '../safe-text';
import { runViews } from './run';
import { DEFAULT_VIEWS, parseViews, VIEW_LIST, type ViewSpec } from './spec';

export const VIEWS_USAGE = `Usage: npm run audit -- views [--views LIST] [--out DIR] [--json] [audit options] URL...

Sees the page the way each kind of customer does: every view is a visitor that differs from the
baseline "new" in one thing, audited with the same extension in a fresh browser profile of its own
(views run side by side, --concurrency at a time). Prints every difference with its evidence.
Several URLs are one visit: each view goes through them in order and is reported over all of them.

  --views LIST    comma-separated views (default ${DEFAULT_VIEWS}); "new" is always
                  taken, first. --views may be given more than once.
${VIEW_LIST}
  --json          print the views object (candorViews 1) on stdout, nothing else there
  --out DIR       write DIR/views.json, DIR/views.html (offline, with each view's screenshot) and each
                  view's own report: DIR/<view>/<site>.json, <site>.html, screenshot.jpg
  Audit options that apply: --host-resolver-rules, --insecure, --wait, --timeout, --retries,
  --pages, --interact, --no-probe-<name>, --concurrency, --extension, --urls, --allow-private
  (pages on loopback, private or link-local addresses), --no-sandbox.
  Not with views: --profile (a view never uses or changes your own profile), --shard, --force.

Exit status: 0 every view taken · 2 usage error · 3 some view failed (the others are still compared)`;

export interface ViewsIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  readFile?(p: string): string;
}

function takeViewsFlag(argv: readonly string[]): { lists: string[]; rest: string[] } {
  const lists: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--views') {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`--views needs a list, e.g. --views ${DEFAULT_VIEWS}`);
      lists.push(v);
      i++;
    } else if (a.startsWith('--views=')) lists.push(a.slice('--views='.length));
    else rest.push(a);
  }
  return { lists, rest };
}

export interface ViewsArgs {
  specs: ViewSpec[];
  audit: ReturnType<typeof parseArgs>;
}

export function parseViewsArgs(argv: readonly string[], readFile: (p: string) => string = (p) => readFileSync(p, 'utf8')): ViewsArgs {
  const { lists, rest } = takeViewsFlag(argv);
  const audit = parseArgs(rest, readFile);
  if (audit.help) return { specs: [], audit };
  if (audit.profile) throw new UsageError('--profile does not go with views: every view starts from a fresh profile of its own and never changes yours (use cookies=FILE for a known customer)');
  if (audit.shard) throw new UsageError('--shard does not go with views');
  if (audit.force) throw new UsageError('--force does not go with views');
  if (lists.some((l) => l.trim() === '')) throw new UsageError('--views needs a list of views');
  const specs = parseViews(lists, readFile);
  const from = specs.find((s) => s.kind === 'from');
  // WebDriver BiDi navigates without a referrer (and puppeteer drops one), so Firefox cannot arrive from a page
  if (from && audit.browser === 'firefox') throw new UsageError(`the view ${from.name} cannot be taken in Firefox: its automation protocol navigates without a referrer. Take it without --browser firefox (Chromium)`);
  return { specs, audit };
}

export async function viewsCommand(argv: readonly string[], io: ViewsIo = process): Promise<number> {
  let args: ViewsArgs;
  try {
    args = parseViewsArgs(argv, io.readFile);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`audit views: ${safeText(e.message)}\n\n${VIEWS_USAGE}\n`);
      return 2;
    }
    throw e;
  }
  const a = args.audit;
  if (a.help) {
    io.stdout.write(VIEWS_USAGE + '\n');
    return 0;
  }
  const extensionDir = resolve(a.extension ?? DEFAULT_EXTENSION_DIR[a.browser]);
  if (!existsSync(resolve(extensionDir, 'manifest.json'))) {
    io.stderr.write(`audit views: no built extension at ${extensionDir}. Run \`npm run build\` first.\n`);
    return 2;
  }
  try {
    // as the audit: a missing Firefox, a Chromium build given to Firefox, host rules it cannot follow
    checkBrowser(a.browser, extensionDir, a.hostResolverRules);
  } catch (e) {
    if (e instanceof UsageError || e instanceof NoBrowserError) {
      io.stderr.write(`audit views: ${safeText(e.message)}\n`);
      return 2;
    }
    throw e;
  }
  const human = a.json ? io.stderr : io.stdout;
  const log = (m: string) => io.stderr.write(forTerminal(m) + '\n');
  const started = Date.now();
  let stopping = false;
  const onSignal = (sig: string) => {
    stopping = true;
    io.stderr.write(`\naudit views: stopped (${sig}).\n`);
    void closeAllBrowsers().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const concurrency = a.concurrency ?? defaultConcurrency();
  io.stderr.write(`views of ${forTerminal(a.urls.join(' → '))}: ${args.specs.map((s) => forTerminal(s.name)).join(', ')} (${Math.min(concurrency, args.specs.length)} at a time)\n`);
  try {
    // the audit's own options pass through as they are (a flag the audit gains reaches every view)
    const { urls: _u, json: _j, out: _o, help: _h, profile: _p, shard: _s, force: _f, concurrency: _c, extension: _e, progress: _g, ...auditFlags } = a;
    const runs = await runViews(
      a.urls,
      args.specs,
      { ...auditFlags, extensionDir, log, stopped: () => stopping },
      {
        concurrency,
        screenshots: !!a.out,
        onView: (r) => log(r.report ? `  ✓ ${r.spec.name}: grade ${r.report.grade}, ${r.report.findings.length} findings` : `  ✗ ${r.spec.name}: ${r.error}`),
      },
    );
    const differences = computeDifferences(
      runs.map((r) => ({
        name: r.spec.name,
        kind: r.spec.kind,
        ok: !!r.report,
        report: r.report,
        seen: r.seen,
        answer: r.answer,
        carriedCookies: r.spec.cookies?.map((c) => c.name),
        prices: r.prices,
      })),
    );
    const file = viewsFile(a.urls[0]!, runs, differences);
    if (a.out) {
      const dir = resolve(a.out);
      writeViewsOut(dir, file, runs);
      human.write(`Written to ${dir}/: views.json, views.html and a folder per view\n`);
    }
    if (a.json) io.stdout.write(jsonForTerminal(JSON.stringify(file, null, 2)) + '\n');
    else human.write(formatViews(file));
    log(`views: ${runs.length} views in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return runs.some((r) => !r.report) ? 3 : 0;
  } catch (e) {
    if (e instanceof NoBrowserError || e instanceof SandboxError) {
      io.stderr.write(`audit views: ${safeText(e.message)}\n`);
      return 2;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
