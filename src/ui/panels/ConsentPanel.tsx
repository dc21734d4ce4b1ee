// Consent at a glance (asked? tracked before answering? opt-out respected?) and the person's controls:
// reject the banner (once or always), block a category of third parties on this site (with undo),
// send Global Privacy Control here or everywhere. Every action is a message to the background.
import { useState } from 'react';
import type { Finding } from '../../model/finding';
import type { SiteReport } from '../../model/report';
import { settingsOf } from '../../storage/settings';
import { readSettingRows } from '../../storage/stored';
import { useStored } from '../useStored';
import { ask } from '../ask';
import type { PanelProps, ReportPanel } from './types';

const CATEGORY_LABEL: Record<string, string> = {
  advertising: 'advertising',
  analytics: 'analytics',
  social: 'social media',
  'session-replay': 'session recording',
  'customer-interaction': 'chat and support',
  'ab-testing': 'A/B testing',
  personalization: 'personalisation',
  cdp: 'customer data',
  other: 'other third-party',
};

function glance(report: SiteReport): { asked: string; before: string; optOut: string } {
  const fs = report.findings;
  const banner = fs.find((f) => f.kind === 'consent-banner' && f.vendor !== 'Google Consent Mode');
  const before = fs.find((f) => f.kind === 'tracking-before-consent' && f.details.phase === 'before-choice');
  const after = fs.find((f) => f.kind === 'tracking-before-consent' && f.details.phase === 'after-reject');
  const gpc = fs.find((f) => f.kind === 'gpc');
  const asked = !banner
    ? 'No consent banner was seen on this page.'
    : banner.details.shown === true
      ? banner.details.rejectOnFirstLayer === false
        ? 'Yes, but “reject” is not on the first screen.'
        : 'Yes.'
      : 'A consent platform is present, but it showed no banner this time.';
  const trackers = (f: Finding | undefined) => (Array.isArray(f?.details.trackers) ? (f!.details.trackers as { vendor?: string }[]).map((t) => t.vendor).join(', ') : '');
  const beforeText = before ? `Yes: ${trackers(before)}.` : banner?.details.shown === true ? 'No tracker loaded before your answer.' : 'Not measurable without a banner.';
  const optOut = after
    ? `No: ${trackers(after) || 'Google was still told “granted”'} after you said no.`
    : gpc?.details.honored === true
      ? 'Yes: the site records your GPC opt-out.'
      : gpc?.details.honored === false
        ? 'No: you sent GPC, the site records you as not opted out.'
        : gpc?.details.trackersHonored === false
          ? 'Probably not: with GPC the same advertising trackers loaded as without it.'
          : gpc?.details.trackersHonored === true
            ? 'Probably: fewer advertising trackers loaded with GPC than without it.'
            : banner?.details.choice === 'rejected'
          ? 'Nothing kept tracking you after you said no.'
          : 'Not known yet: say no (or send GPC) and Candor checks.';
  return { asked, before: beforeText, optOut };
}

function ConsentControls({ report, tabId }: PanelProps) {
  const settings = useStored(['settings'], async (db) => settingsOf(db ? await readSettingRows(db) : []), []);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const g = glance(report);
  const site = report.site;
  const banner = report.findings.find((f) => f.kind === 'consent-banner' && f.vendor !== 'Google Consent Mode');
  const categories = [...new Set(report.findings.filter((f) => f.kind === 'tracker' && f.category && f.category !== 'consent').map((f) => f.category!))].sort();
  const blocked = settings?.blocked[site] ?? {};
  const shownBlocked = [...new Set([...categories, ...Object.keys(blocked)])].sort();
  const always = settings?.alwaysRejectSites.includes(site) ?? false;
  const gpcSite = settings?.gpcSites.includes(site) ?? false;

  async function run(what: () => Promise<string>) {
    setBusy(true);
    try {
      setStatus(await what());
    } catch (e) {
      setStatus(`That did not work: ${(e as Error)?.message ?? e}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel consent-panel" aria-label="Consent at a glance and your controls">
      <dl className="glance">
        <dt>Were you asked?</dt>
        <dd data-q="asked">{g.asked}</dd>
        <dt>Tracked before you answered?</dt>
        <dd data-q="before">{g.before}</dd>
        <dt>Is your opt-out respected?</dt>
        <dd data-q="opt-out">{g.optOut}</dd>
      </dl>
      {tabId !== null && (
        <div className="controls">
          <h3>Your controls on {site}</h3>
          {banner && (
            <p className="row">
              <button disabled={busy} onClick={() => run(async () => (await ask({ type: 'consent/reject', tabId, always: false })).message)}>
                Reject this banner
              </button>
              {always ? (
                <button disabled={busy} onClick={() => run(async () => ((await ask({ type: 'consent/always-reject', tabId, on: false })).ok ? 'Candor will no longer reject this banner for you.' : 'No page open.'))}>
                  Stop rejecting automatically
                </button>
              ) : (
                <button disabled={busy} onClick={() => run(async () => (await ask({ type: 'consent/reject', tabId, always: true })).message)}>
                  Always reject on this site
                </button>
              )}
            </p>
          )}
          {shownBlocked.length > 0 && (
            <ul className="blocks">
              {shownBlocked.map((c) => (
                <li key={c} data-category={c}>
                  {blocked[c] ? (
                    <>
                      <span>Blocked: {CATEGORY_LABEL[c] ?? c} ({blocked[c]!.join(', ')})</span>{' '}
                      <button disabled={busy} onClick={() => run(async () => (await ask({ type: 'consent/block', tabId, category: c, block: false })).message)}>
                        Undo
                      </button>
                    </>
                  ) : (
                    <button disabled={busy} onClick={() => run(async () => (await ask({ type: 'consent/block', tabId, category: c, block: true })).message)}>
                      Block {CATEGORY_LABEL[c] ?? c} on this site
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <fieldset className="gpc">
            <legend>Global Privacy Control</legend>
            <label>
              <input type="checkbox" checked={gpcSite || !!settings?.gpcAll} disabled={busy || !!settings?.gpcAll} onChange={(e) => run(async () => ((await ask({ type: 'gpc/set', scope: 'site', tabId, on: e.target.checked })).ok ? 'Saved. Reload the page to send it.' : 'No page open.'))} />
              Send GPC to {site}
            </label>
            <label>
              <input type="checkbox" checked={!!settings?.gpcAll} disabled={busy} onChange={(e) => run(async () => ((await ask({ type: 'gpc/set', scope: 'all', on: e.target.checked })).ok ? 'Saved for all sites.' : 'Not saved.'))} />
              Send GPC to every site
            </label>
            <label>
              <input type="checkbox" checked={settings?.gpcWellKnownCheck ?? true} disabled={busy} onChange={(e) => run(async () => ((await ask({ type: 'gpc/set', scope: 'well-known-check', on: e.target.checked })).ok ? 'Saved.' : 'Not saved.'))} />
              Check each site’s /.well-known/gpc.json (once a day per site — the only request Candor makes by itself)
            </label>
          </fieldset>
          <p className="status" role="status">
            {status}
          </p>
        </div>
      )}
    </section>
  );
}

export const consentPanel: ReportPanel = {
  id: 'consent-controls',
  principle: 'consent',
  show: () => true,
  Component: ConsentControls,
};
