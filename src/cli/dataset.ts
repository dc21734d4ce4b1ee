// An --out directory as a dataset that survives being killed:
//   reports.jsonl   the source of truth: one line per audited URL, appended as each finishes
//                   (the SiteReport or error, plus `input` = the URL as given and `visit` = which
//                   occurrence of it in the list, 1 for the first, 2 for a revisit …)
//   <site>.json/.html, findings.csv, index.html   derived, each written whole (temp file + rename)
// A re-run with the same directory skips every (input, visit) whose latest line is a report; lines
// cut short by a kill are dropped, and the URL is audited again.
import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteReport } from '../model/report';
import { exportHtml } from '../report/export-html';
import { type AuditResult, isAuditError } from './audit';
import { findingsCsv } from './csv';
import { indexHtml } from './index-page';
import { siteFileName } from './output';

export const JSONL = 'reports.jsonl';

export type DatasetRecord = AuditResult & { input: string; visit: number };

/** The identity of each list entry: the URL as given and its occurrence number. */
export function entryKeys(urls: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return urls.map((u) => {
    const n = (seen.get(u) ?? 0) + 1;
    seen.set(u, n);
    return recordKey(u, n);
  });
}

export function recordKey(input: string, visit: number): string {
  return JSON.stringify([input, visit]);
}

export function toRecord(r: AuditResult, key: string): DatasetRecord {
  const [input, visit] = JSON.parse(key) as [string, number];
  return { ...r, input, visit };
}

/** The result as docs/report.md prints it (without the dataset's bookkeeping fields). */
export function fromRecord(rec: DatasetRecord): AuditResult {
  const { input: _i, visit: _v, ...r } = rec;
  return r as AuditResult;
}

function isRecord(x: unknown): x is DatasetRecord {
  const r = x as DatasetRecord;
  return !!r && typeof r === 'object' && typeof r.input === 'string' && typeof r.visit === 'number' && (typeof (r as { error?: unknown }).error === 'string' || typeof (r as SiteReport).site === 'string');
}

/** Every complete record of a reports.jsonl, in file order; `bad` counts lines that were cut short. */
export function parseJsonl(text: string): { records: DatasetRecord[]; bad: number } {
  const records: DatasetRecord[] = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const x = JSON.parse(line) as unknown;
      if (isRecord(x)) records.push(x);
      else bad++;
    } catch {
      bad++;
    }
  }
  return { records, bad };
}

export function readJsonl(file: string): { records: DatasetRecord[]; bad: number } {
  return existsSync(file) ? parseJsonl(readFileSync(file, 'utf8')) : { records: [], bad: 0 };
}

/** The last record for each key (a later line, from --force or a retry, supersedes an earlier one). */
export function latestByKey(records: readonly DatasetRecord[]): Map<string, DatasetRecord> {
  const m = new Map<string, DatasetRecord>();
  for (const r of records) {
    const k = recordKey(r.input, r.visit);
    m.delete(k); // keep map order = order of the latest line
    m.set(k, r);
  }
  return m;
}

/** Keys already audited successfully: a resumed run skips these. */
export function doneKeys(records: readonly DatasetRecord[]): Set<string> {
  return new Set([...latestByKey(records)].filter(([, r]) => !isAuditError(r)).map(([k]) => k));
}

export function writeAtomic(path: string, data: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export class Dataset {
  readonly file: string;
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, JSONL);
  }

  /** Loads what is there; a file with lines cut short by a kill is rewritten without them. */
  load(): DatasetRecord[] {
    const { records, bad } = readJsonl(this.file);
    if (bad) writeAtomic(this.file, records.map((r) => JSON.stringify(r) + '\n').join(''));
    return records;
  }

  /** One line, appended whole; a previous line left without its newline is closed first. */
  append(rec: DatasetRecord): void {
    let prefix = '';
    if (existsSync(this.file)) {
      const fd = openSync(this.file, 'r');
      try {
        const size = fstatSync(fd).size;
        const last = Buffer.alloc(1);
        if (size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a) prefix = '\n';
      } finally {
        closeSync(fd);
      }
    }
    appendFileSync(this.file, prefix + JSON.stringify(rec) + '\n');
  }

  writeSite(r: SiteReport): void {
    const base = join(this.dir, siteFileName(r.site));
    writeAtomic(`${base}.json`, JSON.stringify(r, null, 2));
    writeAtomic(`${base}.html`, exportHtml(r));
  }

  /** findings.csv and index.html from the latest record of each entry. */
  writeDerived(records: readonly DatasetRecord[]): void {
    const latest = [...latestByKey(records).values()];
    writeAtomic(join(this.dir, 'findings.csv'), findingsCsv(latest.map((r) => ({ input: r.input, result: fromRecord(r) }))));
    writeAtomic(join(this.dir, 'index.html'), indexHtml(latest.map((r) => ({ input: r.input, result: fromRecord(r) }))));
  }
}

export interface RunPlan {
  /** indices into the list still to audit, in list order */
  todo: number[];
  /** results already in the directory, by index into the list */
  kept: Map<number, AuditResult>;
}

/** What a run over `selected` (indices into urls) still has to do, given what DIR already holds. */
export function planRun(urls: readonly string[], selected: readonly number[], records: readonly DatasetRecord[], force: boolean): RunPlan {
  const keys = entryKeys(urls);
  const done = force ? new Set<string>() : doneKeys(records);
  const latest = latestByKey(records);
  const kept = new Map<number, AuditResult>();
  const todo: number[] = [];
  for (const i of selected) {
    if (done.has(keys[i]!)) kept.set(i, fromRecord(latest.get(keys[i]!)!));
    else todo.push(i);
  }
  return { todo, kept };
}
