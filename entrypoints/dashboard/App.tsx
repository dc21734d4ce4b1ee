// The dashboard: the history across sites. Hash routes keep it one page (and linkable from the popup):
// #sites, #companies, #trends, #views, #data, #site/<name>.
import { CompaniesView } from '../../src/ui/dashboard/CompaniesView';
import { DataView } from '../../src/ui/dashboard/DataView';
import { SiteDetail } from '../../src/ui/dashboard/SiteDetail';
import { SitesView } from '../../src/ui/dashboard/SitesView';
import { useDashboardUi } from '../../src/ui/dashboard/store';
import { TrendsView } from '../../src/ui/dashboard/TrendsView';
import { ViewsView } from '../../src/ui/dashboard/ViewsView';
import { useHistory, useRoute } from '../../src/ui/dashboard/useHistory';
import { type MsgKey, t } from '../../src/ui/i18n';
import { DatabaseBanner } from '../../src/ui/dashboard/DatabaseBanner';

const NAV: { route: string; label: MsgKey }[] = [
  { route: 'sites', label: 'navSites' },
  { route: 'companies', label: 'navCompanies' },
  { route: 'trends', label: 'navTrends' },
  { route: 'views', label: 'navViews' },
  { route: 'data', label: 'navData' },
];

export function App() {
  const route = useRoute();
  const data = useHistory();
  const notice = useDashboardUi((s) => s.notice);
  const section = route.startsWith('site/') ? 'sites' : route;
  let body;
  if (route.startsWith('site/')) body = <SiteDetail key={route} site={route.slice(5)} />;
  else if (route === 'data') body = <DataView />;
  else if (route === 'trends') body = <TrendsView />;
  else if (route === 'views') body = <ViewsView />;
  else if (!data) body = <p role="status">{t('loading')}</p>;
  else if (route === 'companies') body = <CompaniesView data={data} />;
  else body = <SitesView data={data} />;
  return (
    <>
      <header className="dash-head">
        <h1>{t('dashTitle')}</h1>
        <p className="muted">{t('dashIntro')}</p>
        <nav aria-label={t('navLabel')}>
          <ul>
            {NAV.map((n) => (
              <li key={n.route}>
                <a href={`#${n.route}`} aria-current={section === n.route ? 'page' : undefined}>
                  {t(n.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        <DatabaseBanner />
        <p className="notice" role="status" data-testid="notice">
          {notice}
        </p>
        {body}
      </main>
      <footer className="dash-foot muted">{t('wordingNote')}</footer>
    </>
  );
}
