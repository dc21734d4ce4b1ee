import type { KindSpecs } from './types';
import { companiesOf, plural } from './util';

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

export const privacyKinds: KindSpecs = {
  tracker: {
    words: (f) => ({
      title: `${f.vendor ?? 'A third party'} (${f.company ?? 'unknown company'}) is told about your visit — ${CATEGORY_WORDS[f.category ?? 'other'] ?? 'third-party'}`,
      why:
        f.category === 'advertising' || f.category === 'social'
          ? `${f.company ?? 'This company'} can recognise you across the many sites that use it and build an advertising profile of you.`
          : `${f.company ?? 'This company'} receives the address of the page you view and details of your browser each time you load it.`,
      action: 'Block this category of third parties on this site, or use a browser that blocks third-party trackers.',
    }),
    points: (f) => CATEGORY_POINTS[f.category ?? 'other'] ?? -3,
    phrase: (fs) => {
      const n = companiesOf(fs).size;
      return n ? `${plural(n, 'company', 'companies')} ${n === 1 ? 'is' : 'are'} told about your visit` : null;
    },
  },
};
