// Export buttons for one site or the whole history: JSON (docs/report.md, re-importable), CSV (one finding
// a row) and a self-contained HTML report.
import { exportCsv } from '../../report/export-csv';
import { exportHtmlMany } from '../../report/export-html';
import { exportJson } from '../../report/export-json';
import { reportsForHistory } from '../../report/from-db';
import { getDb } from '../../storage/db';
import { download, fileSafe } from '../download';
import { t } from '../i18n';
import { toolInfo } from '../tool';

export function ExportButtons({ site, label }: { site?: string; label: string }) {
  const base = site ? `candor-${fileSafe(site)}` : `candor-history-${new Date().toISOString().slice(0, 10)}`;
  const run = async (kind: 'json' | 'csv' | 'html') => {
    const reports = await reportsForHistory(getDb(), toolInfo(), site);
    if (kind === 'json') download(`${base}.json`, exportJson(reports), 'application/json');
    else if (kind === 'csv') download(`${base}.csv`, exportCsv(reports), 'text/csv');
    else download(`${base}.html`, exportHtmlMany(reports, site ? `Candor report: ${site}` : 'Candor: your history'), 'text/html');
  };
  return (
    <div className="toolbar" role="group" aria-label={label}>
      <button onClick={() => void run('json')}>{t('exportJson')}</button>
      <button onClick={() => void run('csv')}>{t('exportCsv')}</button>
      <button onClick={() => void run('html')}>{t('exportHtml')}</button>
    </div>
  );
}
