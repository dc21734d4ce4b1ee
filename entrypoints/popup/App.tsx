import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { SiteReport } from '../../src/model/report';
import { exportCsv } from '../../src/report/export-csv';
import { exportHtml } from '../../src/report/export-html';
import { exportJson } from '../../src/report/export-json';
import { download, fileSafe } from '../../src/ui/download';
import { t } from '../../src/ui/i18n';
import { ReportView } from '../../src/ui/ReportView';
import { StorageBanner } from '../../src/ui/StorageBanner';
import { openStored } from '../../src/storage/stored';
import { useTabReport } from '../../src/ui/useSiteReport';

// The database opens while the popup asks the browser which tab it reports on, not after.
void openStored();

type TabState = { status: 'loading' } | { status: 'unobservable'; url: string } | { status: 'tab'; tabId: number };

/** The popup reports on the active tab, or on `?tabId=N` (tests, the audit's screenshot). */
function useTab(): TabState {
  const [state, setState] = useState<TabState>({ status: 'loading' });
  useEffect(() => {
    const q = new URLSearchParams(location.search).get('tabId');
    const pick = q
      ? browser.tabs.get(Number(q))
      : browser.tabs.query({ active: true, currentWindow: true }).then((t) => t[0]);
    pick.then(
      (tab) => {
        if (!tab?.id) return setState({ status: 'unobservable', url: '' });
        if (!/^https?:/i.test(tab.url ?? '')) return setState({ status: 'unobservable', url: tab.url ?? '' });
        setState({ status: 'tab', tabId: tab.id });
      },
      () => setState({ status: 'unobservable', url: '' }),
    );
  }, []);
  return state;
}

/** Opens the dashboard in a tab (at this site's page when there is one) and closes the popup. */
function DashboardLink({ site }: { site?: string }) {
  const href = (browser.runtime.getURL as (path: string) => string)(`/dashboard.html${site ? `#site/${encodeURIComponent(site)}` : ''}`);
  return (
    <a
      className="dash-link"
      href={href}
      target="_blank"
      rel="noopener"
      onClick={(e) => {
        e.preventDefault();
        void browser.tabs.create({ url: href }).then(() => {
          if (!new URLSearchParams(location.search).has('tabId')) window.close();
        });
      }}
    >
      {t('openDashboard')}
    </a>
  );
}

function Exports({ report }: { report: SiteReport }) {
  const base = `candor-${fileSafe(report.site)}`;
  return (
    <div className="toolbar" role="group" aria-label={t('exportThisPage')}>
      <button onClick={() => download(`${base}.json`, exportJson([report]), 'application/json')}>{t('exportJson')}</button>
      <button onClick={() => download(`${base}.csv`, exportCsv([report]), 'text/csv')}>{t('exportCsv')}</button>
      <button onClick={() => download(`${base}.html`, exportHtml(report), 'text/html')}>{t('exportHtml')}</button>
    </div>
  );
}

function TabReport({ tabId }: { tabId: number }) {
  const state = useTabReport(tabId);
  const visitId = state.visitId;
  if (state.status === 'loading') {
    return (
      <div className="state" role="status">
        {t('readingReport')}
      </div>
    );
  }
  if (state.status === 'no-visit') {
    return (
      <div className="state">
        <h1>{t('nothingYetTitle')}</h1>
        <p>{t('nothingYetBody')}</p>
        <DashboardLink />
      </div>
    );
  }
  const { report } = state;
  return (
    <>
      {report.findings.length === 0 && (
        <p className="state" role="status">
          {t('nothingFound')}
        </p>
      )}
      <ReportView report={report} visitId={visitId ?? ''} tabId={tabId} />
      <nav className="popup-foot" aria-label={t('openDashboard')}>
        <DashboardLink site={report.site} />
      </nav>
      <Exports report={report} />
    </>
  );
}

export function App() {
  const tab = useTab();
  if (tab.status === 'loading') {
    return (
      <main className="state" role="status">
        {t('loading')}
      </main>
    );
  }
  if (tab.status === 'unobservable') {
    return (
      <main className="state">
        <h1>{t('cantSeeTitle')}</h1>
        <p>{t('cantSeeBody')}</p>
        <DashboardLink />
      </main>
    );
  }
  return (
    <main>
      <StorageBanner />
      <TabReport tabId={tab.tabId} />
    </main>
  );
}
