// `npm run audit -- [options] <url>...` (docs/report.md). With --json, stdout carries the JSON array only;
// progress, summaries and the final table then go to stderr.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditUrls, isAuditError } from './audit';
import { NoBrowserError } from './find-browser';
import { checkBrowser } from './check-browser';
import { closeAllBrowsers, DEFAULT_EXTENSION_DIR } from './launch-any';
import { SandboxError, sandboxOff } from './launch';
import { HostRulesError } from './firefox/host-rules';
import { privateAddressCheck } from './private-address';
import { defaultConcurrency, parseArgs, USAGE, UsageError } from './args';
import { diffCommand, mergeCommand } from './commands';
import { Dataset, type DatasetRecord, entryKeys, planRun, toRecord } from './dataset';
import { summarise } from './output';
import { jsonForTerminal, safeText } from './safe-text';
import { Progress, summaryTable } from './progress';
import { pickShard } from './shard';
import { viewsCommand } from './views/command';

/** `candor 0.1.0`: the version written into each report's tool.version (package.json = manifest). */
export function versionLine(): string {
  const pkg = JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8')) as { name: string; version: string };
  return `${pkg.name} ${pkg.version}`;
}

export async function main(argv: string[]): Promise<number> {
  try {
    if (argv[0] === '--version' || argv[0] === '-V') {
      process.stdout.write(versionLine() + '\n');
      return 0;
    }
    if (argv[0] === 'diff') return diffCommand(argv.slice(1), process);
    if (argv[0] === 'merge') return mergeCommand(argv.slice(1), process);
    if (argv[0] === 'views') return await viewsCommand(argv.slice(1));
    return await audit(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`audit: ${safeText(e.message)}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof NoBrowserError || e instanceof SandboxError || e instanceof HostRulesError) {
      process.stderr.write(`audit: ${safeText(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}

async function audit(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const extensionDir = resolve(args.extension ?? DEFAULT_EXTENSION_DIR[args.browser]);
  if (!existsSync(resolve(extensionDir, 'manifest.json'))) {
    process.stderr.write(`audit: no built extension at ${extensionDir}. Run \`npm run build\` first.\n`);
    return 2;
  }
  // before any URL: a missing Firefox, a Chromium build given to Firefox, rules it cannot follow,
  // root without the sandbox opt-out, rules the private-address check cannot read
  checkBrowser(args.browser, extensionDir, args.hostResolverRules);
  if (args.browser === 'chromium') sandboxOff(args);
  if (!args.allowPrivate && args.hostResolverRules) privateAddressCheck({ hostResolverRules: args.hostResolverRules });
  const human = args.json ? process.stderr : process.stdout;
  const urls = args.urls;
  // Occurrence numbers come from the whole list, so they mean the same in every shard.
  const keys = entryKeys(urls);
  const selected = args.shard ? pickShard(urls, args.shard) : urls.map((_, i) => i);

  const dataset = args.out ? new Dataset(resolve(args.out)) : undefined;
  const records: DatasetRecord[] = dataset?.load() ?? [];
  const { todo, kept: results } = planRun(urls, selected, records, args.force);

  const progress = new Progress(todo.length, process.stderr, args.progress);
  let stopping: Promise<void> | undefined;
  // Ctrl-C or SIGTERM: every finished URL is already on disk, so stop at once and say how to go on.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      progress.finish();
      process.stderr.write(`\naudit: stopped (${sig}).${dataset ? ` Run the same command again to resume: finished URLs are in ${dataset.file}.` : ''}\n`);
      stopping = closeAllBrowsers();
      void stopping.finally(() => process.exit(130));
    });
  }
  if (args.shard) process.stderr.write(`shard ${args.shard.index}/${args.shard.total}: ${selected.length} of ${urls.length} URLs\n`);
  if (results.size) process.stderr.write(`resuming ${args.out}: ${results.size} already audited there, ${todo.length} to go (--force audits all again)\n`);
  const concurrency = args.concurrency ?? (args.profile ? 1 : defaultConcurrency());

  try {
    await auditUrls(
      todo.map((i) => urls[i]!),
      {
        browser: args.browser,
        extensionDir,
        profileDir: args.profile ? resolve(args.profile) : undefined,
        hostResolverRules: args.hostResolverRules,
        insecure: args.insecure,
        wait: args.wait,
        timeout: args.timeout,
        retries: args.retries,
        pages: args.pages,
        concurrency,
        interact: args.interact,
        disabledProbes: args.disabledProbes,
        allowPrivate: args.allowPrivate,
        noSandbox: args.noSandbox,
        log: (m) => progress.log(m, process.stderr),
        stopped: () => !!stopping,
        onDone: (r, j) => {
          // URLs cut off by a stop are not failures of the site: leave them for the resumed run
          if (stopping) return;
          const i = todo[j]!;
          results.set(i, r);
          if (dataset) {
            // the line first: it is what a resumed run trusts
            const rec = toRecord(r, keys[i]!);
            dataset.append(rec);
            records.push(rec);
            if (!isAuditError(r)) dataset.writeSite(r);
          }
          progress.tick(r, urls[i]!);
        },
        onResult: (r) => {
          if (!stopping) progress.log(summarise(r), human);
        },
      },
    );
  } catch (e) {
    // a stop closes the browsers under the pages still loading: what fails then is the stop, not the run
    if (!stopping) throw e;
  }
  if (stopping) {
    await stopping.catch(() => {});
    return 130;
  }
  progress.finish();
  if (dataset) dataset.writeDerived(records);
  const ordered = selected.map((i) => results.get(i)!);
  if (ordered.length > 1) human.write(summaryTable(selected.map((i) => urls[i]!), ordered));
  if (dataset) human.write(`Written to ${dataset.dir}/: index.html, reports.jsonl, findings.csv, <site>.json, <site>.html\n`);
  if (args.json) process.stdout.write(jsonForTerminal(JSON.stringify(ordered, null, 2)) + '\n');
  return ordered.some(isAuditError) ? 3 : 0;
}

/** Exit once stdout and stderr are flushed: on a pipe, process.exit() would cut a large --json array
 *  short (seen at ~200 kB), handing a dataset builder invalid JSON. */
function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = () => --pending === 0 && process.exit(code);
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(exitWhenFlushed, (e) => {
  process.stderr.write(`audit: ${safeText(String((e as Error)?.stack ?? e))}\n`);
  exitWhenFlushed(1);
});
