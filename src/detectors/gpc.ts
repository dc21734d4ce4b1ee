// Global Privacy Control: whether the browser sent it on this page (navigator.globalPrivacyControl as
// the page sees it) and whether the site appears to honour it — read from what the site itself
// records: the US Privacy string and the GPP US sections (OptMeowt's method). The site's
// /.well-known/gpc.json is checked by a background service (src/background/services/gpc-well-known.ts).
import { type Assessment, capText, type FindingDraft, type StoredFinding } from '../model/finding';
import { gppOptedOut, uspOptedOut } from './consent-signals';
import type { Detector } from './types';

export const GPC_KEY = 'gpc';

/** GPC sent and ignored is a concern; honoured (or declared in /.well-known/gpc.json) is good practice. */
export function assessGpc(f: StoredFinding): Assessment | undefined {
  if (f.kind !== 'gpc') return undefined;
  const x = f.details;
  if (x.sent === true && (x.honored === false || (x.honored == null && x.trackersHonored === false))) return 'concern';
  return x.honored === true || x.wellKnown === true || x.trackersHonored === true ? 'good' : 'info';
}

export const gpcDetector: Detector = {
  id: 'gpc',
  pageEventTypes: ['gpc-signal'],
  assess: assessGpc,
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
          // where measurable only: an unknown is left out rather than stored as null, which a merge
          // with the trackers' judgement would keep or drop depending on which came first
          ...(sent && honored !== null ? { honored } : {}),
        },
      },
    ];
  },
};
