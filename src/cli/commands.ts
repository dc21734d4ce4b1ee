// The audit's subcommands that need no browser: `diff` (two reports of a site) and `merge` (the
// reports.jsonl of several shards into one --out directory). Both exit 0, or 2 on a usage error.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isAuditError } from './audit';
import { UsageError } from './args';
import { Dataset, fromRecord, JSONL, latestByKey, parseJsonl, writeAtomic, type DatasetRecord } from './dataset';
import { diffReports, formatDiff, isWorse, reportFromText } from './diff';

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
    try {
      return reportFromText(text, f);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  });
  const d = diffReports(reports[0]!, reports[1]!);
  io.stdout.write(set.has('--json') ? JSON.stringify(d, null, 2) + '\n' : formatDiff(d, { a: files[0]!, b: files[1]! }));
  // like diff(1): 1 when what was asked about happened, so CI can gate a release on it
  if (failOn === 'change' && d.changed) return 1;
  if (failOn === 'worse' && isWorse(d)) return 1;
  return 0;
}

export function mergeCommand(argv: string[], io: Io): number {
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
