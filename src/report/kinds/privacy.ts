// Wording and scoring of the privacy findings: what was read or sent, by whom, why it matters, what to do.
import { listenWords } from '../../model/listen-words';
import type { StoredFinding } from '../../model/finding';

import type { KindSpecs } from './types';
import { companiesOf, plural, quote } from './util';

/** the worker credits a tracker whose every request was blocked (src/detectors/blocked.ts) */
const allBlocked = (f: StoredFinding): boolean => f.kind === 'tracker' && f.assessment === 'good';

const CATEGORY_WORDS: Record<string, string> = {
  advertising: 'advertising',
  analytics: 'analytics',
  social: 'social media',
  'session-replay': 'session recording',
  'customer-interaction': 'customer chat and support',
  'ab-testing': 'A/B testing',
  personalization: 'personalisation',
  consent: 'consent management',
  cdp: 'customer data',
  other: 'third-party',
};

const CATEGORY_POINTS: Record<string, number> = {
  advertising: -8,
  social: -6,
  'session-replay': -10,
  analytics: -4,
  cdp: -6,
  personalization: -4,
  'ab-testing': -2,
  'customer-interaction': -2,
  consent: 0,
  other: -3,
};

const TECHNIQUE_WORDS: Record<string, string> = {
  canvas: 'draws a hidden image to tell your device apart (canvas fingerprinting)',
  webgl: 'reads your graphics card details to tell your device apart (WebGL fingerprinting)',
  audio: 'plays silent sound to tell your device apart (audio fingerprinting)',
  font: 'checks which fonts you have installed (font fingerprinting)',
  navigator: 'reads many details of your browser and screen (fingerprinting)',
  worker: 'ran code in a background worker that Candor could not see into',
  webrtc: 'uses WebRTC to discover your local network address',
};

/** "Google Analytics (Google)", but never "Facebook (Facebook)": the company only where it adds something */
function who(f: StoredFinding, fallback: string): string {
  if (f.vendor && f.company && f.company !== f.vendor) return `${f.vendor} (${f.company})`;
  return f.vendor ?? f.company ?? fallback;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function scriptHost(f: StoredFinding): string {
  return str(f.details.scriptHost) || str(f.details.scriptSite) || 'a script on this page';
}

export const privacyKinds: KindSpecs = {
  tracker: {
    words: (f) =>
      allBlocked(f)
        ? {
            title: `${who(f, 'A third party')} tried to load and was blocked in your browser`,
            why: `${plural(f.count, 'request', 'requests')} to ${String(f.details.domain ?? 'it')} ${f.count === 1 ? 'was' : 'were'} stopped before leaving your browser (by your block on this site, or another blocker), so ${f.company ?? 'this company'} was not told about this visit.`,
            action: 'Nothing to do. If the site stops working, undo the block in the Consent section.',
          }
        : f.details.servedFrom === 'first-party'
        ? {
            title: `${who(f, 'A tracker')} is told about your visit through the site’s own address ${str(f.details.host) || 'a subdomain'} (a DNS alias of its servers)`,
            why: `The address looks like part of this site, but it is another name for ${String(f.details.canonicalName ?? f.details.domain ?? 'the tracker’s servers')} (CNAME cloaking): ${f.company ?? 'the company'} receives what the page sends it, and browsers and blockers that only look at the address treat it as the site itself.`,
            action: 'A content blocker that uncovers DNS aliases (uBlock Origin in Firefox does) can block it; blocking a category here cannot, since the requests go to the site’s own address.',
          }
        : f.details.learned
        ? {
            title: `${f.vendor ?? 'A third party'} follows you across ${Number(f.details.siteCount) || 3} sites you visited — a tracker no list knows`,
            why: `It set an identifying cookie here and on other sites you visited (${(Array.isArray(f.details.sites) ? f.details.sites : []).slice(0, 5).join(', ')}), so it can recognise you across them. Candor learned this on your own browser, the way Privacy Badger does.`,
            action: 'Block third-party cookies in your browser settings, or block this domain with a content blocker.',
          }
        : {
            title: `${who(f, 'A third party')} is told about your visit — ${CATEGORY_WORDS[f.category ?? 'other'] ?? 'third-party'}`,
            why:
              f.category === 'advertising' || f.category === 'social'
                ? `${f.company ?? 'This company'} can recognise you across the many sites that use it and build an advertising profile of you.`
                : `${f.company ?? 'This company'} receives the address of the page you view and details of your browser each time you load it.`,
            action: 'Block this category of third parties on this site, or use a browser that blocks third-party trackers.',
          },
    points: (f) => (allBlocked(f) ? 0 : f.details.learned ? -5 : (CATEGORY_POINTS[f.category ?? 'other'] ?? -3)),
    phrase: (fs) => {
      const n = companiesOf(fs.filter((f) => !allBlocked(f))).size;
      return n ? `${plural(n, 'company', 'companies')} ${n === 1 ? 'is' : 'are'} told about your visit` : null;
    },
  },

  identifier: {
    words: (f) => {
      const name = quote(f.details.name, 60);
      const purpose = str(f.details.purpose);
      const third = f.details.thirdParty === true;
      const life = typeof f.details.lifetimeDays === 'number' ? ` for ${plural(f.details.lifetimeDays, 'day', 'days')}` : '';
      return {
        title: third
          ? `${who(f, str(f.details.setBy) || 'A third party')} puts an identifying cookie ${name} in your browser${life}`
          : `${f.vendor ?? 'A tracker'} keeps an identifier ${name} in your browser on this site`,
        why: purpose
          ? `It ${purpose}.`
          : 'A unique value stored in your browser lets the company that reads it recognise you on every visit, and on other sites that use it.',
        action: third ? 'Block third-party cookies in your browser settings.' : 'Clear this site’s cookies when you leave, or reject analytics and advertising cookies in its consent banner.',
      };
    },
    points: (f) => (f.details.thirdParty === true ? -3 : -1),
    phrase: (fs) => `${plural(fs.length, 'identifier is', 'identifiers are')} stored to recognise you`,
  },

  fingerprinting: {
    words: (f) => {
      const t = str(f.details.technique);
      const weak = f.confidence === 'possible';
      return {
        title: `${who(f, scriptHost(f))} ${TECHNIQUE_WORDS[t] ?? 'fingerprints your device'}`,
        why: t === 'worker'
          ? 'Workers run apart from the page, where Candor does not look: fingerprinting or tracking from inside one would not show up here. Many workers are harmless (caching, offline use).'
          : weak
          ? 'Listing your devices is part of many fingerprinting scripts, but video-call and media sites also need it.'
          : 'A fingerprint recognises your device without cookies: clearing cookies or using a private window does not stop it, and you were not asked.',
        action: 'Use a browser with fingerprinting protection (Firefox’s strict mode, Brave, Tor Browser) on this site.',
      };
    },
    points: (f) => (f.confidence === 'possible' ? -2 : -8),
    phrase: (fs) => {
      const t = [...new Set(fs.filter((f) => f.confidence !== 'possible').map((f) => str(f.details.technique)))];
      return t.length ? `your device is fingerprinted (${t.join(', ')})` : null;
    },
  },

  'session-replay': {
    words: (f) => {
      const listens = Array.isArray(f.details.listens) ? (f.details.listens as string[]) : [];
      const seen = f.details.detectedBy === 'behaviour';
      return {
        title: `${who(f, str(f.details.scriptSite) || 'A third party')} records what you do on this page (session replay)`,
        why: `A session recording captures the page as you see it, your mouse, scrolling and often what you type, so the site can watch your visit back later${
          seen ? `. Seen here: it watches every change to the page and follows your ${listenWords(listens) || 'actions'}, and uploads the recording as you go` : ''
        }${f.details.sentTo === 'own-server' ? '. Your visit is recorded and sent to this site’s own server, where tracker lists and blockers do not look' : f.details.sentTo === 'both' ? ', to this site’s own server and to others' : ''}.`,
        action: 'Avoid typing personal details on this page, or block session-recording scripts with a content blocker.',
      };
    },
    // recording the screen is among the most intrusive things a page does: weigh it like key logging
    points: () => -20,
    phrase: (fs) => `${plural(companiesOf(fs).size, 'company records', 'companies record')} your visit`,
  },

  keylogging: {
    words: (f) => ({
      title: `What you typed in the ${str(f.details.field) || 'form'} was sent to ${who(f, str(f.details.destination))} before you pressed submit`,
      why: `Your input left the page ${f.details.hashed ? `hashed (${str(f.details.encoding)}), which still identifies you to anyone holding the same data` : 'as you typed'}, even if you change your mind and never submit the form.`,
      action: 'Do not type details you have not decided to send; a content blocker can stop such scripts.',
    }),
    points: () => -20,
    phrase: (fs) => `what you type is sent to ${plural(new Set(fs.map((f) => str(f.details.destination))).size, 'third party', 'third parties')} before you submit`,
  },

  'pii-leak': {
    words: (f) => {
      const what = f.details.type === 'phone' ? 'phone number' : 'e-mail address';
      const events = Array.isArray(f.details.events) && f.details.events.length ? ` with the event ${(f.details.events as string[]).join(', ')}` : '';
      return {
        title: `Your ${f.details.hashed ? 'hashed ' : ''}${what} is sent to ${who(f, str(f.details.destination))}${events}`,
        why: f.details.hashed
          ? `A hashed ${what} is not anonymous: the ad platform hashes the ${f.details.type === 'phone' ? 'phone numbers' : 'e-mail addresses'} of its own users the same way and matches you to your account there.`
          : `Your ${what} itself goes to a third party that can link it to everything else it knows about you.`,
        action: 'Use a separate or masked e-mail address for shops, and opt out of ad personalisation in your accounts with these platforms.',
      };
    },
    points: (f) => (f.details.hashed ? -10 : -12),
    phrase: (fs) => `your contact details go to ${plural(companiesOf(fs).size, 'ad platform', 'ad platforms')}`,
  },

  'first-party-analytics': {
    words: (f) => {
      const v = f.vendor ?? 'privacy-friendly analytics';
      const names = Array.isArray(f.details.identifierNames) ? (f.details.identifierNames as string[]).map((n) => quote(n, 40)).join(', ') : '';
      return f.details.identifiers === true
        ? {
            title: `Uses ${v} for its statistics, but set up to keep an identifier in your browser${names ? ` (${names})` : ''}`,
            why: `${v} can count visits without recognising anyone; here it stores an id that recognises you each time you come back, so it is not credited as privacy-friendly.`,
            action: 'Clear this site’s cookies when you leave; the site can switch the tool to its cookieless mode.',
          }
        : {
            title: `Uses ${v}, privacy-friendly analytics that counts visits without identifying you`,
            why: `${v} gives the site its visitor statistics without an identifier in your browser and without passing your visit to an advertising company — good practice, credited here.`,
            action: 'Nothing to do.',
          };
    },
    // credited only while it runs without identifiers; with them, the identifier findings carry the cost
    points: (f) => (f.details.identifiers === true ? 0 : 5),
    phrase: (fs) => {
      const ok = [...new Set(fs.filter((f) => f.details.identifiers !== true).map((f) => f.vendor ?? ''))].filter(Boolean);
      return ok.length ? `privacy-friendly analytics (${ok.join(', ')})` : null;
    },
  },
};
