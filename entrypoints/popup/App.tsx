import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { exportJson } from '../../src/report/export-json';
import { ReportView } from '../../src/ui/ReportView';
import { StorageBanner } from '../../src/ui/StorageBanner';
import { useTabVisitId, useVisitReport } from '../../src/ui/useSiteReport';

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

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function TabReport({ tabId }: { tabId: number }) {
  const visitId = useTabVisitId(tabId);
  const state = useVisitReport(visitId === undefined ? undefined : visitId);
  if (visitId === undefined || state.status === 'loading') {
    return (
      <div className="state" role="status">
        Reading this page’s report…
      </div>
    );
  }
  if (state.status === 'no-visit') {
    return (
      <div className="state">
        <h1>Nothing recorded for this page yet</h1>
        <p>Reload the page so Candor can watch it load. Pages in private windows are not observed unless you turn that on.</p>
      </div>
    );
  }
  const { report } = state;
  const empty = report.findings.length === 0;
  return (
    <>
      {empty && (
        <p className="state" role="status">
          No trackers, AI or pricing tricks found on this page so far.
        </p>
      )}
      <ReportView report={report} visitId={visitId ?? ''} tabId={tabId} />
      <div className="toolbar">
        <button onClick={() => download(`candor-${report.site}.json`, exportJson([report]), 'application/json')}>Export JSON</button>
      </div>
    </>
  );
}

export function App() {
  const tab = useTab();
  if (tab.status === 'loading') {
    return (
      <div className="state" role="status">
        Loading…
      </div>
    );
  }
  if (tab.status === 'unobservable') {
    return (
      <main className="state">
        <h1>Candor can’t see this page</h1>
        <p>Browser pages, extension pages and the web store are off limits to extensions. Open a website to see its report.</p>
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
