// The audit as a command-line tool: help for every subcommand, --version, the `candor` bin, and
// diff/merge refusing files that are not Candor reports with the dashboard's import check.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/args';
import { diffCommand, mergeCommand } from '../../../src/cli/commands';
import { entryKeys, toRecord } from '../../../src/cli/dataset';
import { GA, report } from './reports';

const ROOT = resolve(__dirname, '../../..');
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const sink = () => {
  const o = { text: '', write: (s: string) => ((o.text += s), true) };
  return o;
};

describe('audit subcommands', () => {
  it('diff --help and merge --help print their own usage on stdout and exit 0', () => {
    for (const [cmd, name] of [[diffCommand, 'diff'], [mergeCommand, 'merge']] as const) {
      for (const flag of ['--help', '-h']) {
        const out = sink();
        expect(cmd([flag], { stdout: out, stderr: sink() })).toBe(0);
        expect(out.text).toContain(`audit -- ${name} `);
        expect(out.text).toContain('Exit status');
      }
    }
  });

  it('diff refuses a crafted report with the import check (a usage error, exit 2), naming the file and the field', () => {
    const good = report('https://shop.example/', [GA]);
    const crafted = { ...good, findings: [{ ...good.findings[0], kind: 'bitcoin-miner' }] };
    const files: Record<string, string> = {
      'a.json': JSON.stringify(good),
      'crafted.json': JSON.stringify(crafted),
      'future.json': JSON.stringify({ ...good, schemaVersion: 9 }),
    };
    const io = { stdout: sink(), stderr: sink(), readFile: (p: string) => files[p]! };
    expect(diffCommand(['a.json', 'a.json'], io)).toBe(0);
    expect(() => diffCommand(['a.json', 'crafted.json'], io)).toThrow(UsageError);
    expect(() => diffCommand(['a.json', 'crafted.json'], io)).toThrow(/crafted\.json: .*findings\.0\.kind/);
    expect(() => diffCommand(['future.json', 'a.json'], io)).toThrow(/future\.json: .*newer version of Candor/);
  });

  it('merge refuses a reports.jsonl with a line that is not a Candor record, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-merge-'));
    const keys = entryKeys(['https://a.example/', 'https://b.example/']);
    const good = toRecord(report('https://a.example/', [GA]), keys[0]!);
    const bad = { ...toRecord(report('https://b.example/', [GA]), keys[1]!), grade: 'A+', principles: null };
    writeFileSync(join(dir, 'in.jsonl'), JSON.stringify(good) + '\n' + JSON.stringify(bad) + '\n');
    const out = join(dir, 'out');
    expect(() => mergeCommand([join(dir, 'in.jsonl'), '--out', out], { stdout: sink(), stderr: sink() })).toThrow(/in\.jsonl, record 2: /);
    expect(existsSync(join(out, 'reports.jsonl'))).toBe(false);
    // an error record is a valid line; a line cut short by a kill is skipped, as before
    const err = toRecord({ url: 'https://b.example/', error: 'the server answered HTTP 500' }, keys[1]!);
    writeFileSync(join(dir, 'ok.jsonl'), JSON.stringify(good) + '\n' + JSON.stringify(err) + '\n{"input":"https://c.exa');
    const said = sink();
    expect(mergeCommand([join(dir, 'ok.jsonl'), '--out', out], { stdout: sink(), stderr: said })).toBe(0);
    expect(said.text).toContain('2 URLs (1 reports, 1 errors), 1 incomplete lines skipped');
  });
});

describe('the candor command', () => {
  it('--version prints the name and version, on stdout only, and exits 0', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`candor ${version}\n`);
  }, 120000);

  it('package.json has a bin, so `npx candor audit …` runs the audit from a checkout', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(existsSync(join(ROOT, pkg.bin.candor!))).toBe(true);
    const bin = join(ROOT, pkg.bin.candor!);
    expect(execFileSync(process.execPath, [bin, '--version'], { cwd: ROOT, encoding: 'utf8' })).toBe(`candor ${version}\n`);
    // `candor audit` is `npm run audit --`: its options, its usage errors (exit 2)
    const help = spawnSync(process.execPath, [bin, 'audit', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--version');
    expect(help.stdout).toContain('--allow-private');
    const wrong = spawnSync(process.execPath, [bin, 'audit', '--wait', 'soon', 'https://x.example/'], { cwd: ROOT, encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(spawnSync(process.execPath, [bin, 'frobnicate'], { cwd: ROOT, encoding: 'utf8' }).status).toBe(2);
  }, 240000); // several processes: generous under a loaded machine
});
