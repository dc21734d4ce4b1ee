// Trends over time with chart.js: pages visited per day (bars) and trackers per page (line). The
// canvas is described for screen readers and the numbers are one disclosure away as a table.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { dailyTrend } from '../../report/history';
import { t } from '../i18n';
import { useVisitsSince } from './useHistory';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

const DAYS = 30;

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** Re-render charts when the colour scheme flips, so they stay readable in light and dark. */
function useScheme(): string {
  const mq = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const [dark, setDark] = useState(!!mq?.matches);
  useEffect(() => {
    if (!mq) return;
    const on = () => setDark(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [mq]);
  return dark ? 'dark' : 'light';
}

export function TrendsView() {
  const [since] = useState(() => {
    const d = new Date();
    d.setHours(0, 0, 0, 0);
    d.setDate(d.getDate() - (DAYS - 1));
    return d.getTime();
  });
  const visits = useVisitsSince(since);
  const points = useMemo(() => dailyTrend(visits ?? [], DAYS), [visits]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const scheme = useScheme();

  useEffect(() => {
    if (!canvas.current || !visits) return;
    const fg = cssVar('--fg');
    const line = cssVar('--line');
    const chart = new Chart(canvas.current, {
      data: {
        labels: points.map((p) => p.day.slice(5)),
        datasets: [
          { type: 'bar', label: t('trendPages'), data: points.map((p) => p.pages), backgroundColor: cssVar('--accent'), yAxisID: 'pages' },
          { type: 'line', label: t('trendTrackers'), data: points.map((p) => p.trackersPerPage), borderColor: cssVar('--poor'), backgroundColor: cssVar('--poor'), yAxisID: 'trackers', tension: 0.2 },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        color: fg,
        scales: {
          x: { ticks: { color: fg }, grid: { color: line } },
          pages: { position: 'left', beginAtZero: true, ticks: { color: fg, precision: 0 }, grid: { color: line }, title: { display: true, text: t('colPages'), color: fg } },
          trackers: { position: 'right', beginAtZero: true, ticks: { color: fg }, grid: { drawOnChartArea: false }, title: { display: true, text: t('colTrackersPerPage'), color: fg } },
        },
        plugins: { legend: { labels: { color: fg } } },
      },
    });
    return () => chart.destroy();
  }, [points, visits, scheme]);

  const total = points.reduce((a, p) => a + p.pages, 0);
  return (
    <section aria-labelledby="trends-h">
      <h2 id="trends-h">
        {t('trendsHeading')} <span className="muted">· {t('trendRange', DAYS)}</span>
      </h2>
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={`${t('trendPages')}: ${total}. ${t('trendTrackers')}.`} />
      </div>
      <details className="trend-table">
        <summary>{t('trendTable')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colDay')}</th>
              <th scope="col">{t('colPages')}</th>
              <th scope="col">{t('colTrackersPerPage')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <th scope="row">{p.day}</th>
                <td>{p.pages}</td>
                <td>{p.trackersPerPage}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
