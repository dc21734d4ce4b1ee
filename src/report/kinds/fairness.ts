// Wording and scoring of the fairness findings (and the algorithmic-pricing disclosure, which belongs to
// transparency). Prices and page text are data: they are put in sentences here and escaped where shown.
import type { StoredFinding } from '../../model/finding';
import type { KindSpecs } from './types';
import { plural, quote } from './util';

export function money(v: unknown, currency: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'an unknown price';
  const cur = typeof currency === 'string' ? currency : '';
  if (/^[A-Z]{3}$/.test(cur)) {
    try {
      return new Intl.NumberFormat('en', { style: 'currency', currency: cur }).format(v);
    } catch {
      // not a currency Intl knows: fall through
    }
  }
  return `${v.toFixed(2)}${cur ? ` ${cur}` : ''}`;
}

const d = (f: StoredFinding) => f.details as Record<string, unknown>;
const name = (f: StoredFinding) => (typeof d(f).product === 'string' && d(f).product ? String(d(f).product) : 'this product');
const vendor = (f: StoredFinding, fallback: string) => f.vendor ?? (typeof d(f).vendor === 'string' ? String(d(f).vendor) : fallback);
const day = (iso: unknown) => (typeof iso === 'string' ? iso.slice(0, 10) : 'an earlier visit');

const URGENCY_WHY =
  'Pressure to decide now is a sales pattern that research on shopping sites (Mathur et al., 2019) found to be often false or exaggerated.';
const URGENCY_ACTION = 'Take your time: reload the page or come back later and see whether the claim changes.';

export const fairnessKinds: KindSpecs = {
  'pricing-engine': {
    words: (f) => {
      const v = vendor(f, 'A dynamic-pricing engine');
      const sig = typeof d(f).signal === 'string' ? String(d(f).signal) : '';
      const how = d(f).recognisedBy === 'host' ? ` (recognised by its address ${sig})` : d(f).recognisedBy === 'page-global' ? ` (recognised by ${sig} in the page)` : sig ? ` (recognised by ${sig})` : '';
      const at = typeof d(f).price === 'number' ? `next to the price of ${name(f)} (${money(d(f).price, d(f).currency)})` : 'on this site';
      return {
        title: `${v}, a dynamic-pricing service, runs ${at} and may set the price you see`,
        why: `${v}${how} is software that sets or tests prices — by demand, by visitor group or from what it knows about you — so another visitor may be shown a different price for the same thing.`,
        action: 'Check the price in a clean visit (the button in this section) before you buy.',
      };
    },
    // the engine's presence is the finding; a price it actually changed costs more (price-difference)
    points: (f) => (typeof d(f).price === 'number' ? -8 : -5),
    phrase: (fs) => `${plural(fs.length, 'dynamic-pricing service', 'dynamic-pricing services')} on the page`,
  },
  'price-change': {
    words: (f) => {
      const up = Number(d(f).after) > Number(d(f).before);
      return {
        title: `The price of ${name(f)} went ${up ? 'up' : 'down'} since your visit on ${day(d(f).beforeAt ?? d(f).firstSeen)}: ${money(d(f).before, d(f).currency)} → ${money(d(f).after, d(f).currency)}`,
        why: up
          ? 'Prices that rise when you come back can follow demand, or can follow you: a returning visitor who is clearly interested is a known target for a higher price.'
          : 'Prices move over time; a drop can also be an offer aimed at a returning visitor.',
        action: 'Compare with a clean visit (button in this section) or another browser before you buy.',
      };
    },
    points: (f) => (Number(d(f).after) > Number(d(f).before) ? -10 : -2),
    phrase: () => 'the price changed since your last visit',
  },
  'price-difference': {
    words: (f) =>
      d(f).same
        ? {
            title: `Your price is the same as a first-time visitor's: ${money(d(f).you, d(f).currency)}`,
            why: 'Candor fetched this page twice without your cookies and read the same price as yours.',
            action: 'Nothing to do. The check made two extra requests to the site, only because you asked.',
          }
        : {
            title: `You are shown ${money(d(f).you, d(f).currency)}; a first-time visitor is shown ${money(d(f).clean, d(f).currency)}`,
            why: 'Candor fetched this page twice without your cookies; the two clean visits agreed with each other and not with you. The site sets your price from what it knows about you (cookies, earlier visits).',
            action: 'Clear this site’s cookies or buy from a fresh browser profile; you may ask the site how it sets prices.',
          },
    points: (f) => (d(f).same ? 3 : Number(d(f).you) > Number(d(f).clean) ? -25 : -8),
    phrase: (fs) => (fs.some((f) => !d(f).same) ? 'your price differs from a clean visit' : 'your price matches a clean visit'),
  },
  'price-rewrite': {
    words: (f) => ({
      title: `A third-party script${f.vendor ? ` (${f.vendor})` : ''} changed the price shown after the page loaded`,
      why: `The price the site sent was replaced in your browser (${quote(d(f).before, 40)} → ${quote(d(f).after, 40)}) by a script from another company: a sign of client-side price personalisation.`,
      action: 'Compare with a clean visit (button in this section) before you buy.',
    }),
    points: () => -12,
    phrase: () => 'a third party rewrote the price on the page',
  },
  urgency: {
    words: (f) => {
      const text = quote(d(f).text, 100);
      switch (d(f).pattern) {
        case 'countdown':
          return d(f).resets
            ? {
                title: `A countdown restarted when you came back: the deadline is fake (${text})`,
                why: `It said the offer ends ${String(d(f).previousDeadline ?? '').slice(0, 19).replace('T', ' ')} UTC; on your return it ends later. ${URGENCY_WHY}`,
                action: 'Ignore the timer: the offer is not ending when it says.',
              }
            : { title: `A countdown timer pushes you to buy now: ${text}`, why: URGENCY_WHY, action: URGENCY_ACTION };
        case 'low-stock':
          return { title: `The page says stock is running low: ${text}`, why: URGENCY_WHY, action: URGENCY_ACTION };
        case 'activity':
          return { title: `The page tells you how many others are looking or buying: ${text}`, why: URGENCY_WHY, action: URGENCY_ACTION };
        default:
          return { title: `The page claims the offer is for a limited time: ${text}`, why: URGENCY_WHY, action: URGENCY_ACTION };
      }
    },
    points: (f) => (d(f).resets ? -15 : d(f).pattern === 'countdown' ? -5 : -3),
    phrase: (fs) => {
      const fake = fs.some((f) => d(f).resets);
      return `${plural(fs.length, 'urgency claim', 'urgency claims')}${fake ? ', one a fake countdown' : ''}`;
    },
  },
  experiment: {
    words: (f) => {
      const exps = Array.isArray(d(f).experiments) ? (d(f).experiments as { id: string; variant?: string }[]) : [];
      const v = vendor(f, 'An A/B testing tool');
      const list = exps.slice(0, 4).map((e) => `${e.id}${e.variant ? ` (variant ${e.variant})` : ''}`).join(', ');
      return {
        title: exps.length
          ? `You are in ${plural(exps.length, 'experiment', 'experiments')} run with ${v}: ${list}${exps.length > 4 ? '…' : ''}`
          : `${v} runs A/B tests or feature flags on this site${d(f).antiFlicker ? ' and hides the page until it has changed it' : ''}`,
        why: 'Visitors are split into groups that see different pages, offers or prices; which group you are in was decided for you, without asking.',
        action: 'Nothing you must do; if prices or offers seem different from what others see, compare in a clean visit.',
      };
    },
    points: (f) => (Array.isArray(d(f).experiments) && (d(f).experiments as unknown[]).length ? -4 : -2),
    phrase: (fs) => {
      const n = fs.reduce((a, f) => a + (Array.isArray(d(f).experiments) ? (d(f).experiments as unknown[]).length : 0), 0);
      return n ? `you are in ${plural(n, 'experiment', 'experiments')}` : `${plural(fs.length, 'A/B testing tool', 'A/B testing tools')}`;
    },
  },
  personalization: {
    words: (f) => {
      const v = vendor(f, 'A personalisation engine');
      switch (d(f).type) {
        case 'identity-resolution':
          return {
            title: `${v} links your identity across sites`,
            why: 'Identity-resolution services match you (often by a hashed e-mail or a shared ID) across websites and devices, so what you do here joins a profile held elsewhere.',
            action: 'Avoid logging in with your main e-mail where you can; block advertising third parties on this site.',
          };
        case 'retargeting':
          return {
            title: `${v} follows you with ads after you leave`,
            why: 'Retargeting records the products you looked at here to show you ads for them on other sites.',
            action: 'Block advertising third parties on this site.',
          };
        case 'recommendations':
          return {
            title: `${v} chooses the products recommended to you`,
            why: 'What you are shown is ranked from your behaviour and that of people like you; others see a different selection.',
            action: 'Nothing you must do; be aware the selection is tailored.',
          };
        default:
          return {
            title: `${v} personalises this site from what it knows about you`,
            why: 'Personalisation engines put you in segments (new or returning, big spender, bargain hunter) and change content and offers for each.',
            action: 'Compare prices and offers in a clean visit before you buy.',
          };
      }
    },
    points: (f) => ({ 'identity-resolution': -8, retargeting: -6, segmentation: -4 })[String(d(f).type)] ?? -2,
    phrase: (fs) => `${plural(fs.length, 'personalisation service', 'personalisation services')}`,
  },
  'algorithmic-pricing-disclosure': {
    words: (f) =>
      f.assessment === 'good'
        ? {
            title: 'The site says next to the price that an algorithm set it using your personal data',
            why: `The disclosure New York’s Algorithmic Pricing Disclosure Act requires is shown where you see the price: ${quote(d(f).text)}. Your price may differ from someone else’s.`,
            action: 'Compare with a clean visit (Fairness section) to see what a first-time visitor pays.',
          }
        : {
            title: `The notice that an algorithm set this price from your personal data is ${d(f).where && d(f).where !== 'text' ? `only in a ${String(d(f).where)}` : 'hidden'}`,
            why: `The page carries the required words (${quote(d(f).text)}) but not where a person sees them next to the price.`,
            action: 'Compare with a clean visit (Fairness section); the law expects this notice to be clear and conspicuous.',
          },
    points: (f) => (f.assessment === 'good' ? 4 : -10),
    phrase: (fs) => (fs.some((f) => f.assessment === 'good') ? 'the personalised-price notice is shown by the price' : 'the personalised-price notice is hidden'),
  },
};
