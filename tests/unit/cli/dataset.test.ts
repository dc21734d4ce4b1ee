import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeCommand } from '../../../src/cli/commands';
import { Dataset, entryKeys, parseJsonl, planRun, toRecord } from '../../../src/cli/dataset';
import { GA, report } from './reports';

const tmp = () => mkdtempSync(join(tmpdir(), 'candor-ds-'));
const urls = ['https://a.example/', 'https://b.example/', 'https://a.example/', 'https://c.example/'];
const keys = entryKeys(urls);
const ok = (i: number) => toRecord(report(urls[i]!, [GA]), keys[i]!);
const failed = (i: number) => toRecord({ url: urls[i]!, error: 'could not load the page: the connection timed out' }, keys[i]!);

describe('--out dataset and resume', () => {
  it('numbers a URL given twice as a first visit and a revisit', () => {
    expect(keys.map((k) => JSON.parse(k))).toEqual([[urls[0], 1], [urls[1], 1], [urls[0], 2], [urls[3], 1]]);
  });

  it('a fresh directory audits everything', () => {
    expect(planRun(urls, [0, 1, 2, 3], [], false).todo).toEqual([0, 1, 2, 3]);
  });

  it('resumes: skips what was audited, keeps its result, audits failures and the rest again', () => {
    const plan = planRun(urls, [0, 1, 2, 3], [ok(0), failed(1)], false);
    expect(plan.todo).toEqual([1, 2, 3]);
    expect([...plan.kept.keys()]).toEqual([0]);
    expect(plan.kept.get(0)).not.toHaveProperty('input');
    expect((plan.kept.get(0) as { site: string }).site).toBe('a.example');
  });

  it('a revisit is its own entry: the first visit done does not skip the second', () => {
    expect(planRun(urls, [0, 1, 2, 3], [ok(0), ok(1)], false).todo).toEqual([2, 3]);
  });

  it('a later line supersedes an earlier one (a failure fixed by a re-run)', () => {
    expect(planRun(urls, [1], [failed(1), ok(1)], false).todo).toEqual([]);
    expect(planRun(urls, [1], [ok(1), failed(1)], false).todo).toEqual([1]);
  });

  it('--force audits everything again', () => {
    expect(planRun(urls, [0, 1, 2, 3], [ok(0), ok(1), ok(2), ok(3)], true).todo).toEqual([0, 1, 2, 3]);
  });

  it('only plans the selected entries (a shard)', () => {
    expect(planRun(urls, [1, 3], [ok(1)], false).todo).toEqual([3]);
  });

  it('survives a kill mid-line: the cut line is dropped on load and the next line starts fresh', () => {
    const dir = tmp();
    const ds = new Dataset(dir);
    ds.append(ok(0));
    appendFileSync(ds.file, JSON.stringify(ok(1)).slice(0, 40)); // killed while writing
    const loaded = new Dataset(dir).load();
    expect(loaded.map((r) => r.input)).toEqual([urls[0]]);
    expect(parseJsonl(readFileSync(ds.file, 'utf8')).bad).toBe(0);
    // and a cut line that is still there when appending is closed first, not glued to the next
    appendFileSync(ds.file, '{"input":"https://b.exa');
    ds.append(ok(3));
    const again = parseJsonl(readFileSync(ds.file, 'utf8'));
    expect(again.records.map((r) => r.input)).toEqual([urls[0], urls[3]]);
    expect(again.bad).toBe(1);
  });

  it('writes site files and derived files whole, with no temp file left behind', () => {
    const dir = tmp();
    const ds = new Dataset(dir);
    const recs = [ok(0), ok(1), failed(3)];
    for (const r of recs) ds.append(r);
    ds.writeSite(report(urls[0]!, [GA]));
    ds.writeDerived(recs);
    expect(readdirSync(dir).sort()).toEqual(['a.example.html', 'a.example.json', 'findings.csv', 'index.html', 'reports.jsonl']);
    expect(JSON.parse(readFileSync(join(dir, 'a.example.json'), 'utf8')).site).toBe('a.example');
  });

  it('merge: shards into one directory, no entry lost or doubled', () => {
    const a = tmp();
    const b = tmp();
    writeFileSync(join(a, 'reports.jsonl'), [ok(0), ok(2)].map((r) => JSON.stringify(r) + '\n').join(''));
    writeFileSync(join(b, 'reports.jsonl'), [failed(1), ok(3), ok(1)].map((r) => JSON.stringify(r) + '\n').join(''));
    const out = join(tmp(), 'merged');
    let said = '';
    const io = { stdout: { write: () => {} }, stderr: { write: (s: string) => (said += s) } };
    expect(mergeCommand([join(a, 'reports.jsonl'), join(b, 'reports.jsonl'), '--out', out], io)).toBe(0);
    const merged = parseJsonl(readFileSync(join(out, 'reports.jsonl'), 'utf8')).records;
    expect(merged.map((r) => [r.input, r.visit]).sort()).toEqual(keys.map((k) => JSON.parse(k)).sort());
    expect(merged.every((r) => !('error' in r))).toBe(true);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['index.html', 'findings.csv', 'a.example.json', 'b.example.html', 'c.example.json']));
    expect(said).toContain('4 URLs (4 reports, 0 errors), 1 superseded');
    // merging again into a directory that holds a dataset must name it, never overwrite it silently
    expect(() => mergeCommand([join(a, 'reports.jsonl'), '--out', out], io)).toThrow('exists');
  });
});
