// The first-run page: what Candor shows, that nothing leaves the browser, the one automatic request
// with its switch, pinning the icon, the badge and the grade, private windows. The switch reads and
// writes through `gpcCheck` (the real one: the settings database and the background's `gpc/set`, as
// the popup's switch), so a test can render the page with a fake.
import { useEffect, useState } from 'react';
import { DEFAULT_SETTINGS } from '../../storage/settings';
import { t } from '../i18n';

export interface GpcCheckSwitch {
  /** whether the daily /.well-known/gpc.json check is on */
  load(): Promise<boolean>;
  /** turns it on or off; false when it was not saved */
  save(on: boolean): Promise<boolean>;
}

export function Welcome({ gpcCheck, dashboardUrl, privacyUrl }: { gpcCheck: GpcCheckSwitch; dashboardUrl: string; privacyUrl: string }) {
  const [on, setOn] = useState<boolean | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    void gpcCheck.load().then(setOn, () => setOn(DEFAULT_SETTINGS.gpcWellKnownCheck));
  }, [gpcCheck]);
  const change = async (next: boolean) => {
    setOn(next);
    const ok = await gpcCheck.save(next).catch(() => false);
    if (!ok) setOn(!next);
    setStatus(ok ? t('welcomeSaved') : t('welcomeNotSaved'));
  };
  return (
    <main className="welcome">
      <h1>{t('welcomeTitle')}</h1>
      <p>{t('welcomeIntro')}</p>
      <section aria-labelledby="w-local">
        <h2 id="w-local">{t('welcomeLocalHeading')}</h2>
        <p>{t('welcomeLocal', DEFAULT_SETTINGS.retentionDays)}</p>
      </section>
      <section aria-labelledby="w-request">
        <h2 id="w-request">{t('welcomeRequestHeading')}</h2>
        <p id="w-request-help">{t('welcomeRequest')}</p>
        <p className="field">
          <input id="gpc-check" type="checkbox" role="switch" checked={on ?? DEFAULT_SETTINGS.gpcWellKnownCheck} disabled={on === null}
            aria-describedby="w-request-help" onChange={(e) => void change(e.target.checked)} />{' '}
          <label htmlFor="gpc-check">{t('welcomeRequestSwitch')}</label>
        </p>
        <p role="status" className="notice" data-testid="welcome-status">{status}</p>
      </section>
      <section aria-labelledby="w-pin">
        <h2 id="w-pin">{t('welcomePinHeading')}</h2>
        <p>{t('welcomePin')}</p>
      </section>
      <section aria-labelledby="w-grade">
        <h2 id="w-grade">{t('welcomeGradeHeading')}</h2>
        <p>{t('welcomeBadge')}</p>
        <p>{t('welcomeGrade')}</p>
      </section>
      <section aria-labelledby="w-private">
        <h2 id="w-private">{t('welcomePrivateHeading')}</h2>
        <p>{t('welcomePrivate')}</p>
      </section>
      <p>
        <a href={privacyUrl}>{t('welcomePrivacy')}</a>
      </p>
      <p>
        <a href={dashboardUrl}>{t('welcomeDashboard')}</a>
      </p>
    </main>
  );
}
