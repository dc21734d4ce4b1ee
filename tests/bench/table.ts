// The human-readable table of `npm run bench`.
import { loadavg } from 'node:os';
import { FIGURES, meets, type Result } from './figures';

export function table(results: Result[], seconds: number, quick: boolean, loadBefore: number[]): string {
  const rows = FIGURES.map((f) => {
    const r = results.find((x) => x.name === f.name)!;
    const status = r.value === -1 ? 'n/a' : meets(f.name, r.value) ? 'ok' : 'MISSED';
    return { f, r, status };
  });
  const w = Math.max(...FIGURES.map((f) => f.name.length));
  const lines = [
    `Candor benchmarks${quick ? ' (--quick: fewer repetitions)' : ''}: ${Math.round(seconds)} s`,
    // other work on the machine makes absolute figures pessimistic; say how busy it was
    `machine: load average ${loadBefore.map((x) => x.toFixed(1)).join(' ')} at the start, ${loadavg().map((x) => x.toFixed(1)).join(' ')} at the end`,
    '',
    `${'figure'.padEnd(w)}  ${'value'.padStart(10)}  ${'target'.padEnd(16)}  status  measured against / how`,
    `${'-'.repeat(w)}  ${'-'.repeat(10)}  ${'-'.repeat(16)}  ------  ${'-'.repeat(40)}`,
  ];
  for (const { f, r, status } of rows) {
    const target = `${f.better === 'lower' ? '≤' : '≥'} ${f.target} ${f.unit === 'ratio' ? '' : f.unit}`.trim();
    lines.push(`${f.name.padEnd(w)}  ${String(r.value).padStart(10)}  ${target.padEnd(16)}  ${status.padEnd(6)}  ${r.baseline}`);
    for (const n of r.notes) lines.push(`${' '.repeat(w + 40)}· ${n}`);
  }
  return lines.join('\n');
}
