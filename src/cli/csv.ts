// findings.csv: one finding a row (RFC 4180). Page text reaches these cells, and a spreadsheet runs a
// cell that starts with = + - @ (or a tab/CR before one) as a formula (OWASP "CSV injection"), so such
// cells get a leading apostrophe, which spreadsheets show as text — also after leading blanks or line
// breaks. The file starts with a UTF-8 byte order mark, so spreadsheets read non-ASCII text right.
import { CSV_BOM, csvCell } from '../report/export-csv';
import type { AuditResult } from './audit';

export const CSV_COLUMNS = [
  'input', 'site', 'url', 'grade', 'principle', 'kind', 'assessment', 'title',
  'vendor', 'company', 'category', 'source', 'confidence', 'count', 'evidence_url',
] as const;

// One escaping rule for every CSV Candor writes: the dashboard's export and the audit's dataset.
export { csvCell };

export function csvRow(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export interface CsvRecord {
  input: string;
  result: AuditResult;
}

export function findingsCsv(records: readonly CsvRecord[]): string {
  let out = CSV_BOM + csvRow(CSV_COLUMNS);
  for (const { input, result: r } of records) {
    if ('error' in r) continue;
    for (const f of r.findings) {
      out += csvRow([input, r.site, r.url, r.grade, f.principle, f.kind, f.assessment, f.title, f.vendor, f.company, f.category, f.source, f.confidence, f.count, f.evidence[0]?.url]);
    }
  }
  return out;
}
