// One site at full size: the popup's report for a chosen visit (the latest by default), its visit
// history, exports, and "delete this site". Panels (price history, …) show through ReportView.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { reportForVisit } from '../../report/from-db';
import { getDb } from '../../storage/db';
import { deleteSite } from '../../storage/history';
import { ask } from '../ask';
import { formatDate, t } from '../i18n';
import { ReportView } from '../ReportView';
import { toolInfo } from '../tool';
import { ExportButtons } from './ExportButtons';
import { useDashboardUi } from './store';

export function SiteDetail({ site }: { site: string }) {
  const visits = useLiveQuery(() => getDb().visits.where('[site+startedAt]').between([site, 0], [site, Infinity]).reverse().toArray(), [site]);
  const [chosen, setChosen] = useState<string | null>(null);
  const visit = visits?.find((v) => v.id === chosen) ?? visits?.[0];
  const report = useLiveQuery(async () => (visit ? reportForVisit(getDb(), visit, toolInfo()) : null), [visit?.id, visit?.findingCount]);
  const [confirming, setConfirming] = useState(false);
  const say = useDashboardUi((s) => s.say);

  if (!visits) return <p role="status">{t('loading')}</p>;
  if (visits.length === 0 || !visit) {
    return (
      <section>
        <a href="#sites">← {t('backToSites')}</a>
        <p className="empty">{t('siteNotFound')}</p>
      </section>
    );
  }
  const remove = async () => {
    await deleteSite(getDb(), site);
    // open tabs of the site: the worker forgets their visits and deletes what they were still writing
    await ask({ type: 'history/deleted', site }).catch(() => undefined);
    say(t('siteDeleted', site));
    location.hash = '#sites';
  };
  return (
    <div className="site-detail">
      <p>
        <a href="#sites">← {t('backToSites')}</a>
      </p>
      <div className="detail-grid">
        <div className="detail-report">
          <p className="muted">{t('showingVisit', formatDate(visit.startedAt, true))}</p>
          {report && <ReportView report={report} visitId={visit.id} tabId={null} full />}
        </div>
        <aside className="detail-side" aria-label={t('visitHistory')}>
          <h2>{t('visitHistory')}</h2>
          <ol className="visits">
            {visits.map((v) => (
              <li key={v.id}>
                <button className="visit" aria-pressed={v.id === visit.id} onClick={() => setChosen(v.id)}>
                  <span>{t('visitRow', formatDate(v.startedAt, true), v.findingCount, v.trackerCount)}</span>
                  <code className="url">{v.url}</code>
                </button>
              </li>
            ))}
          </ol>
          <h2>{t('exportSite')}</h2>
          <ExportButtons site={site} label={t('exportSite')} />
          <h2>{t('deleteSite')}</h2>
          {confirming ? (
            <div className="confirm" role="group" aria-label={t('deleteSite')}>
              <p>{t('deleteSiteConfirm', site)}</p>
              <button className="btn danger" onClick={() => void remove()}>
                {t('yesDelete')}
              </button>{' '}
              <button className="btn" onClick={() => setConfirming(false)}>
                {t('cancel')}
              </button>
            </div>
          ) : (
            <button className="btn danger" onClick={() => setConfirming(true)}>
              {t('deleteSite')}
            </button>
          )}
        </aside>
      </div>
    </div>
  );
}
