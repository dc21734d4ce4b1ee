import type { StoredFinding } from '../../model/finding';

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function companiesOf(fs: readonly StoredFinding[]): Set<string> {
  return new Set(fs.map((f) => f.company ?? f.vendor ?? String(f.details.domain ?? f.key)));
}

/** Quote page-derived text for a sentence. It is escaped by whatever renders it (React, HTML export). */
export function quote(s: unknown, max = 120): string {
  const t = typeof s === 'string' ? s : '';
  return `“${t.length > max ? t.slice(0, max - 1) + '…' : t}”`;
}
