// The audit's subcommands that need no browser: `diff` (two reports of a site) and `merge` (the
// reports.jsonl of several shards into one --out directory). Both exit 0, or 2 on a usage error —
// a file that is not a Candor report (checked with the dashboard's import validation, parseReports)
// is one: a crafted file gives a clear message, never a stack trace or a half-written directory.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SiteReport } from '../model/report';
import { isAuditError } from './audit';
import { UsageError } from './args';
import { Dataset, fromRecord, JSONL, latestByKey, parseJsonl, writeAtomic, type DatasetRecord } from './dataset';
import { diffReports, formatDiff, isWorse, reportFromText } from './diff';
import { parseReports } from '../storage/import';
import { jsonForTerminal, safeText } from './safe-text';

export const DIFF_USAGE = `Usage: npm run -s audit -- diff BEFORE.json AFTER.json [--json] [--fail-on worse|change]

What changed between two reports of a site (BEFORE = the older one): trackers added and removed,
concerns new and gone, good practice (disclosures, rights links, human contact) gained and lost,
grade and score changes, prices. Each file is one SiteReport (DIR/<site>.json), or a --json array or
reports.jsonl holding exactly one; it is checked as the dashboard's import checks a file.

  --json                 the difference as one JSON object on stdout
  --fail-on worse        exit 1 when the site got worse (a tracker or concern added, good practice
                         lost, a lower grade): a release check in CI
  --fail-on change       exit 1 on any change
  -h, --help             this help

Exit status: 0 (or 1 with --fail-on, see above) · 2 a file cannot be read or is not a Candor report`;

export const MERGE_USAGE = `Usage: npm run -s audit -- merge FILE.jsonl... --out DIR

Merges the reports.jsonl of several shards (--shard I/N runs) into one --out directory: DIR/reports.jsonl,
DIR/<site>.json and .html, DIR/findings.csv and DIR/index.html, as one unsharded run writes them. A URL
audited in several files keeps its latest line; lines cut short by a kill are skipped; a line that is
not a Candor report or error record stops the merge before anything is written.

  --out DIR              where to write (DIR/reports.jsonl may be one of the files merged)
  -h, --help             this help

Exit status: 0 merged · 2 usage error, a file cannot be read, or a line is not a Candor record`;

const wantsHelp = (argv: readonly string[]) => argv.includes('--help') || argv.includes('-h');

/** The report, checked exactly as an import is (schema version, every field); else a UsageError. */
function validReport(x: unknown, where: string): SiteReport {
  try {
    return parseReports(JSON.stringify(x))[0] as SiteReport;
  } catch (e) {
    throw new UsageError(`${where}: ${safeText((e as Error).message)}`);
  }
}

export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  readFile?(p: string): string;
}

const read = (io: Io, p: string) => (io.readFile ?? ((f: string) => readFileSync(f, 'utf8')))(p);

function split(argv: string[], flags: string[], valued: string[]): { files: string[]; set: Set<string>; values: Map<string, string> } {
  const files: string[] = [];
  const set = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (flags.includes(a)) set.add(a);
    else if (valued.includes(flag)) {
      const v = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      values.set(flag, v);
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else files.push(a);
  }
  return { files, set, values };
}

export function diffCommand(argv: string[], io: Io): number {
  if (wantsHelp(argv)) {
    io.stdout.write(DIFF_USAGE + '\n');
    return 0;
  }
  const { files, set, values } = split(argv, ['--json'], ['--fail-on']);
  if (files.length !== 2) throw new UsageError('diff takes two report files: diff BEFORE.json AFTER.json');
  const failOn = values.get('--fail-on');
  if (failOn !== undefined && failOn !== 'worse' && failOn !== 'change') throw new UsageError('--fail-on takes worse (a tracker or concern added, good practice lost, a lower grade) or change');
  const reports = files.map((f) => {
    let text: string;
    try {
      text = read(io, f);
    } catch (e) {
      throw new UsageError(`cannot read ${f}: ${(e as Error).message}`);
    }
    let r: SiteReport;
    try {
      r = reportFromText(text, f);
    } catch (e) {
      throw new UsageError(safeText((e as Error).message));
    }
    return validReport(r, f);
  });
  const d = diffReports(reports[0]!, reports[1]!);
  io.stdout.write(set.has('--json') ? jsonForTerminal(JSON.stringify(d, null, 2)) + '\n' : formatDiff(d, { a: files[0]!, b: files[1]! }));
  // like diff(1): 1 when what was asked about happened, so CI can gate a release on it
  if (failOn === 'change' && d.changed) return 1;
  if (failOn === 'worse' && isWorse(d)) return 1;
  return 0;
}

export function mergeCommand(argv: string[], io: Io): number {
  if (wantsHelp(argv)) {
    io.stdout.write(MERGE_USAGE + '\n');
    return 0;
  }
  const { files, values } = split(argv, [], ['--out']);
  const out = values.get('--out');
  if (!out) throw new UsageError('merge needs --out DIR');
  if (!files.length) throw new UsageError('merge takes one or more reports.jsonl files');
  const dir = resolve(out);
  const target = join(dir, JSONL);
  if (existsSync(target) && !files.some((f) => resolve(f) === target)) {
    throw new UsageError(`${target} exists: list it among the files to merge into it, or choose another --out`);
  }
  const all: DatasetRecord[] = [];
  let bad = 0;
  for (const f of files) {
    let text: string;
    try {
      text = read(io, f);
    } catch (e) {
      throw new UsageError(`cannot read ${f}: ${(e as Error).message}`);
    }
    const p = parseJsonl(text);
    p.records.forEach((rec, n) => validRecord(rec, `${f}, record ${n + 1}`));
    all.push(...p.records);
    bad += p.bad;
  }
  const latest = [...latestByKey(all).values()];
  const ds = new Dataset(dir);
  writeAtomic(target, latest.map((r) => JSON.stringify(r) + '\n').join(''));
  for (const rec of latest) {
    const r = fromRecord(rec);
    if (!isAuditError(r)) ds.writeSite(r);
  }
  ds.writeDerived(latest);
  const failed = latest.filter(isAuditError).length;
  io.stderr.write(
    `merged ${files.length} file${files.length === 1 ? '' : 's'}: ${latest.length} URLs (${latest.length - failed} reports, ${failed} errors)` +
      `${all.length > latest.length ? `, ${all.length - latest.length} superseded duplicates dropped` : ''}${bad ? `, ${bad} incomplete lines skipped` : ''} → ${dir}\n`,
  );
  return 0;
}

/** A reports.jsonl line: an error record ({ url, error }) or a report that passes the import check. */
function validRecord(rec: DatasetRecord, where: string): void {
  const r = fromRecord(rec) as unknown as Record<string, unknown>;
  if ('error' in r) {
    if (typeof r.error !== 'string' || typeof r.url !== 'string') throw new UsageError(`${where}: not a Candor error record (url and error must be text)`);
    return;
  }
  validReport(r, where);
}
