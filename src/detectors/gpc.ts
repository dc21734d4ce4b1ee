// Global Privacy Control: whether the browser sent it on this page (navigator.globalPrivacyControl as
// the page sees it) and whether the site appears to honour it — read from what the site itself
// records: the US Privacy string and the GPP US sections (OptMeowt's method). The site's
// /.well-known/gpc.json is checked by a background service (src/background/services/gpc-well-known.ts).
import { capText, type FindingDraft } from '../model/finding';
import { gppOptedOut, uspOptedOut } from './consent-signals';
import type { Detector } from './types';

export const GPC_KEY = 'gpc';

export const gpcDetector: Detector = {
  id: 'gpc',
  pageEventTypes: ['gpc-signal'],
  onPageEvent(ev): FindingDraft[] {
    if (ev.type !== 'gpc-signal') return [];
    const sent = ev.data.sent === true;
    const usp = typeof ev.data.usp === 'string' ? capText(ev.data.usp, 8) : undefined;
    const uspOut = uspOptedOut(usp);
    const gppOut = gppOptedOut(ev.data.gppSections);
    // Nothing to say when GPC was not sent and the site records no opt-out status
    if (!sent && uspOut === null && gppOut === null) return [];
    const optedOut = uspOut === true || gppOut === true ? true : uspOut === false || gppOut === false ? false : null;
    const honored = sent ? optedOut : null;
    const parts = [`navigator.globalPrivacyControl = ${sent}`];
    if (usp) parts.push(`US Privacy string ${usp}`);
    if (gppOut !== null) parts.push(`GPP US section: ${gppOut ? 'opted out' : 'not opted out'} of sale`);
    return [
      {
        kind: 'gpc',
        key: GPC_KEY,
        source: 'page',
        confidence: 'likely',
        assessment: honored === true ? 'good' : honored === false ? 'concern' : 'info',
        evidence: [{ ...(ev.script ? { url: ev.script } : {}), detail: parts.join('; '), at: new Date(ev.at).toISOString() }],
        details: {
          sent,
          ...(usp ? { usp } : {}),
          ...(gppOut !== null ? { gppOptOut: gppOut } : {}),
          ...(sent ? { honored } : {}),
        },
      },
    ];
  },
};
