// Wording and scoring for the consent and rights findings: was I asked, was I tracked before I
// answered, is my opt-out respected, where can I exercise my rights. Good practice is credited as
// plainly as bad practice is flagged (a reject button on the first layer, GPC honoured, a Do-Not-Sell link).
import type { StoredFinding } from '../../model/finding';
import type { KindSpecs } from './types';
import { plural, quote } from './util';

const d = (f: StoredFinding) => f.details as Record<string, unknown>;
const isMode = (f: StoredFinding) => f.key.startsWith('consent-mode');

function cmpName(f: StoredFinding): string {
  const x = d(f);
  if (typeof x.cmp === 'string') return x.cmp;
  if (typeof x.tcfCmpId === 'number') return `an IAB TCF consent platform (CMP #${x.tcfCmpId})`;
  return 'a consent platform';
}

function trackerNames(f: StoredFinding): string {
  const ts = Array.isArray(d(f).trackers) ? (d(f).trackers as { vendor?: string }[]) : [];
  const names = [...new Set(ts.map((t) => t.vendor).filter(Boolean))] as string[];
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

const RIGHTS_WORDS: Record<string, { title: string; why: string }> = {
  'privacy-policy': { title: 'The site links to its privacy policy', why: 'The policy should say what is collected about you, who gets it and how to object.' },
  'do-not-sell': {
    title: 'The site offers a “Do Not Sell or Share” opt-out',
    why: 'US privacy laws (CCPA/CPRA and others) give you the right to stop the sale or sharing of your personal information; this link is where to use it.',
  },
  'data-request': { title: 'The site gives a way to ask for your data', why: 'You can ask to see or delete what the site holds about you (GDPR Art. 15 and 17, CCPA).' },
  'cookie-settings': { title: 'You can reopen the cookie settings', why: 'Changing your mind should be as easy as giving consent (GDPR Art. 7(3)).' },
};

export const consentKinds: KindSpecs = {
  'consent-banner': {
    words: (f) => {
      const x = d(f);
      if (isMode(f)) {
        const upd = x.consentModeUpdate as Record<string, string> | undefined;
        const state = upd ?? (x.consentModeDefault as Record<string, string> | undefined);
        const ads = state?.ad_storage ?? (x.adStorage as string | undefined) ?? 'unset';
        const analytics = state?.analytics_storage ?? (x.analyticsStorage as string | undefined) ?? 'unset';
        return {
          title: `Google tags are told your consent: advertising ${ads}, analytics ${analytics}${x.npa === true ? '; non-personalised ads only (npa=1)' : ''}`,
          why: 'With Google Consent Mode the site passes your answer to Google with every hit. “Denied” should mean no advertising or analytics cookies; Google still receives cookieless pings.',
          action: 'Check that the state matches what you chose. If it says “granted” after you refused, the site is not respecting your choice.',
        };
      }
      const shown = x.shown === true;
      const reject = x.rejectOnFirstLayer;
      const choice = typeof x.choice === 'string' ? x.choice : null;
      let title: string;
      if (!shown) title = x.remembered === true ? `The site remembered your earlier consent choice (${cmpName(f)})` : `The site uses ${cmpName(f)}, but no banner was shown`;
      else if (reject === true) title = `You were asked for consent, with a “reject” button on the first screen (${cmpName(f)})`;
      else if (reject === false) title = `You were asked for consent, but there is no “reject” button on the first screen (${cmpName(f)})`;
      else title = `You were asked for consent (${cmpName(f)})`;
      if (choice === 'rejected') title += x.choiceBy === 'candor' ? ' — Candor said no for you' : ' — you said no';
      else if (choice === 'accepted') title += x.choiceBy === 'candor' ? ' — Candor accepted it (audit)' : ' — you accepted';
      return {
        title,
        why:
          reject === false
            ? 'Refusing should be as easy as accepting. Hiding “reject” behind a second screen pushes people to accept (EDPB guidelines 03/2022 on deceptive design).'
            : reject === true
              ? 'Refusing is as easy as accepting here: that is how consent should be asked.'
              : 'A consent platform decides which trackers may run; what matters is whether they wait for your answer.',
        action: shown && choice !== 'rejected' ? 'Use “Reject this banner” below to refuse without hunting for the button, once or on every visit.' : 'You can change your answer from the site’s cookie settings link.',
      };
    },
    points: (f) => {
      if (isMode(f)) return 0;
      const x = d(f);
      if (x.shown !== true) return 0;
      return x.rejectOnFirstLayer === true ? 5 : x.rejectOnFirstLayer === false ? -15 : 0;
    },
    phrase: (fs) => {
      const b = fs.find((f) => !isMode(f));
      const mode = fs.find(isMode);
      if (!b || d(b).shown !== true) {
        if (!mode) return null;
        const m = d(mode);
        const st = (m.consentModeUpdate ?? m.consentModeDefault) as Record<string, string> | undefined;
        return `Google is told your consent state (advertising ${st?.ad_storage ?? m.adStorage ?? 'unset'})`;
      }
      const x = d(b);
      return x.rejectOnFirstLayer === true ? 'you are asked, and can say no in one click' : x.rejectOnFirstLayer === false ? 'you are asked, but saying no takes extra steps' : 'you are asked for consent';
    },
  },
  'tracking-before-consent': {
    words: (f) => {
      const x = d(f);
      const n = Array.isArray(x.trackers) ? x.trackers.length : 0;
      if (x.phase === 'remarketing-denied') {
        const by = Array.isArray(x.deniedBy) ? (x.deniedBy as string[]).join('; ') : 'advertising consent was denied';
        return {
          title: 'Consent denied, but Google was sent remarketing hits that add you to advertising audiences',
          why: `Although ${by}, the page sent Google remarketing hits (Google signals or the Google Ads remarketing tag): your visit is used to follow you with ads on other sites and apps.`,
          action: 'Block advertising third parties on this site below, or complain to your data protection authority.',
        };
      }
      if (x.phase === 'after-reject') {
        return {
          title:
            n > 0
              ? `${plural(n, 'tracker', 'trackers')} kept loading after you said no: ${trackerNames(f)}`
              : 'Google was still told you consented after you said no',
          why: `You refused, yet ${x.googleGranted ? 'Google hits still say “granted” and ' : ''}the site keeps sending your visit to third parties. Under the GDPR and ePrivacy rules a refusal must stop non-essential tracking.`,
          action: 'Block these categories of third parties on this site below, or complain to your data protection authority.',
        };
      }
      return {
        title: `${plural(n, 'tracker', 'trackers')} loaded before you answered the consent banner: ${trackerNames(f)}`,
        why: 'Asking for consent means waiting for the answer. These third parties received your visit while the question was still on screen.',
        action: 'Reject the banner and block this category of third parties on this site below.',
      };
    },
    points: (f) => {
      const n = Array.isArray(d(f).trackers) ? (d(f).trackers as unknown[]).length : 0;
      return d(f).phase === 'after-reject' || d(f).phase === 'remarketing-denied' ? -25 : -Math.min(30, 10 + 4 * n);
    },
    phrase: (fs) =>
      fs.some((f) => d(f).phase === 'after-reject') ? 'trackers ignore your refusal' : fs.some((f) => d(f).phase === 'remarketing-denied') ? 'remarketing despite denied consent' : fs.length ? 'trackers load before you answer' : null,
  },
  gpc: {
    words: (f) => {
      const x = d(f);
      const parts: string[] = [];
      let title: string;
      if (x.sent === true && x.honored === true) title = 'Your Global Privacy Control signal is honoured: the site records your opt-out';
      else if (x.sent === true && x.honored === false) title = 'You sent Global Privacy Control, but the site records you as not opted out';
      else if (x.sent === true && x.trackersHonored === true) title = 'You sent Global Privacy Control, and fewer advertising trackers loaded than on your visit without it';
      else if (x.sent === true && x.trackersHonored === false) title = 'You sent Global Privacy Control, but the same advertising trackers loaded as without it';
      else if (x.wellKnown === true) title = 'The site declares it honours Global Privacy Control (/.well-known/gpc.json)';
      else if (x.sent === true) title = 'Your browser sends Global Privacy Control here; the site does not say whether it honours it';
      else if (x.usp || x.gppOptOut !== undefined) title = 'The site records whether you opted out of the sale of your data';
      else title = 'Global Privacy Control';
      if (x.wellKnown === true && !title.includes('well-known')) parts.push('It also publishes /.well-known/gpc.json.');
      if (typeof x.usp === 'string') parts.push(`US Privacy string: ${quote(x.usp, 8)}.`);
      return {
        title,
        why: `Global Privacy Control tells sites not to sell or share your data; in California, Colorado and other states it is a legally binding opt-out. ${parts.join(' ')}`.trim(),
        action: x.sent === true ? 'Keep GPC on. If the site ignores it, use its “Do Not Sell or Share” link.' : 'Turn on Global Privacy Control below, for this site or for all sites.',
      };
    },
    points: (f) => {
      const x = d(f);
      if (x.sent === true && x.honored === false) return -15;
      if (x.honored === true) return 10;
      if (x.sent === true && x.trackersHonored === false) return -8;
      if (x.sent === true && x.trackersHonored === true) return 5;
      if (x.wellKnown === true) return 5;
      return 0;
    },
    phrase: (fs) => {
      const x = fs[0] ? d(fs[0]) : {};
      if (x.honored === true) return 'your GPC opt-out is honoured';
      if (x.honored === false) return 'your GPC opt-out is ignored';
      if (x.wellKnown === true) return 'the site says it honours GPC';
      return null;
    },
  },
  'rights-link': {
    words: (f) => {
      const x = d(f);
      const type = String(x.type ?? 'privacy-policy');
      const w = RIGHTS_WORDS[type] ?? RIGHTS_WORDS['privacy-policy']!;
      const hidden = x.findable === false;
      return {
        title: `${w.title}${typeof x.text === 'string' && x.text ? ` — ${quote(x.text, 60)}` : ''}${hidden ? ' (hard to find: not visible, not in the footer)' : ''}`,
        why: `${w.why}${typeof x.email === 'string' ? ` Privacy contact: ${x.email}.` : ''}`,
        action: type === 'data-request' || type === 'privacy-policy' ? 'Draft a data-access or deletion request below; Candor only prepares it, you send it.' : 'Follow the link to use this right.',
      };
    },
    points: (f) => {
      const x = d(f);
      if (x.findable === false) return -3;
      return x.type === 'do-not-sell' ? 5 : x.type === 'data-request' ? 3 : 0;
    },
    phrase: (fs) => {
      const types = new Set(fs.map((f) => d(f).type));
      const bits: string[] = [];
      if (types.has('privacy-policy')) bits.push('a privacy policy');
      if (types.has('do-not-sell')) bits.push('a Do-Not-Sell opt-out');
      if (types.has('data-request')) bits.push('a way to request your data');
      if (types.has('cookie-settings')) bits.push('cookie settings');
      return bits.length ? `the site links to ${bits.join(', ')}` : null;
    },
  },
};
