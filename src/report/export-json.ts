import type { SiteReport } from '../model/report';

/** JSON export: an array of SiteReports, exactly the docs/report.md contract. */
export function exportJson(reports: readonly SiteReport[]): string {
  return JSON.stringify(reports, null, 2);
}
