// CSV export: one finding a row, so a spreadsheet can filter and count. Cells are escaped (RFC 4180)
// and neutralised against formula injection: page-derived text that starts with = + - @ (or a tab or
// carriage return) would run as a formula in Excel/LibreOffice/Sheets, so it gets a leading '
// (OWASP "CSV Injection"). Spreadsheets skip leading blanks and line breaks before they look for the
// =, so the check looks past them too. Files start with a UTF-8 byte order mark: without it Excel
// reads UTF-8 as the local code page and shows "Ã©" for "é" in vendor names and page text.
import type { SiteReport } from '../model/report';

export const CSV_COLUMNS = [
  'site',
  'url',
  'generated_at',
  'grade',
  'principle',
  'kind',
  'assessment',
  'title',
  'vendor',
  'company',
  'category',
  'source',
  'confidence',
  'count',
  'why',
  'action',
  'evidence',
] as const;

/** The UTF-8 byte order mark every CSV file Candor writes starts with. */
export const CSV_BOM = '\ufeff';

// a formula start, possibly after blanks and line breaks (any Unicode space, the BOM included); or a
// tab or carriage return at the very start, which some importers treat as a cell separator
const FORMULA = /^(?:[\s\ufeff]*[=+\-@]|[\t\r])/;

/** One cell: formula-neutralised, then quoted when it holds a comma, quote or line break. */
export function csvCell(value: unknown): string {
  let s = value == null ? '' : String(value);
  if (FORMULA.test(s)) s = `'${s}`;
  // quoted too when it has surrounding spaces, which some readers would otherwise trim
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}

/** All findings of all reports, one a row, with the report's site/url/grade repeated on each. */
export function exportCsv(reports: readonly SiteReport[]): string {
  const lines = [csvRow(CSV_COLUMNS)];
  for (const r of reports) {
    for (const f of r.findings) {
      const evidence = f.evidence.map((e) => [e.url, e.detail].filter(Boolean).join(' ')).join(' | ');
      lines.push(
        csvRow([
          r.site,
          r.url,
          r.generatedAt,
          r.grade,
          f.principle,
          f.kind,
          f.assessment,
          f.title,
          f.vendor,
          f.company,
          f.category,
          f.source,
          f.confidence,
          f.count,
          f.why,
          f.action,
          evidence,
        ]),
      );
    }
  }
  // CRLF line ends (RFC 4180): what spreadsheet programs expect.
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}
