// A deterministic corpus of requests for the classification figures: real tracker hosts from our
// tracker index (third-party-web + catalog), real non-tracker third parties from the same data (CDNs,
// fonts, hosting), first-party subresources, and unknown third parties. Same seed, same corpus.
import type { TrackerIndex } from '../../src/detectors/tracker-index-build';
import { siteOf } from '../../src/background/site';
import { rng } from './stats';

export interface CorpusItem {
  url: string;
  type: 'script' | 'image' | 'xmlhttprequest' | 'stylesheet';
  /** the top-level page; its site is computed once per visit in the engine, so it is precomputed here */
  pageUrl: string;
  pageHost: string;
  pageSite: string;
}

const WORDS = ['shop', 'news', 'daily', 'travel', 'bank', 'recipe', 'garden', 'sport', 'music', 'forum', 'health', 'cars', 'books', 'games', 'home', 'style'];
const TLDS = ['com', 'co.uk', 'de', 'fr', 'net', 'org', 'com.au', 'io', 'nl', 'es'];
const TYPES: CorpusItem['type'][] = ['script', 'image', 'xmlhttprequest', 'stylesheet'];
const SUBS = ['', 'www.', 'cdn.', 'static.', 'px.', 'api.', 'eu.', 'js.'];

export interface CorpusMix {
  trackers: number;
  knownNonTrackers: number;
  firstParty: number;
  unknownThirdParty: number;
}

export function buildCorpus(index: TrackerIndex, size = 12_000, seed = 9): { items: CorpusItem[]; mix: CorpusMix; trackerHosts: string[] } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const isTracker = (i: number) => index.entities[i]!.category !== null;
  const trackerSuffixes = Object.entries(index.suffixes).filter(([, i]) => isTracker(i)).map(([h]) => h);
  const trackerExact = Object.entries(index.exact).filter(([, i]) => isTracker(i)).map(([h]) => h);
  const infra = [...Object.entries(index.suffixes), ...Object.entries(index.exact)].filter(([, i]) => !isTracker(i)).map(([h]) => h);
  const pages = Array.from({ length: 300 }, (_, i) => {
    const host = `${pick(['www.', '', 'm.'])}${pick(WORDS)}${i}-${pick(WORDS)}.${pick(TLDS)}`;
    return { pageUrl: `https://${host}/${pick(WORDS)}/${i}`, pageHost: host, pageSite: siteOf(host) };
  });
  // an IP address in the data takes no subdomain
  const sub = (h: string, subs: readonly string[]) => (/^[\d.]+$/.test(h) ? h : `${pick(subs)}${h}`);
  const path = () => `/${pick(WORDS)}/${Math.floor(r() * 1e6).toString(36)}${pick(['.js', '.gif', '', '?id=' + Math.floor(r() * 1e9)])}`;
  const mix: CorpusMix = { trackers: 0, knownNonTrackers: 0, firstParty: 0, unknownThirdParty: 0 };
  const items: CorpusItem[] = [];
  for (let n = 0; n < size; n++) {
    const page = pick(pages);
    const x = r();
    let host: string;
    if (x < 0.45) {
      host = r() < 0.8 ? sub(pick(trackerSuffixes), SUBS) : pick(trackerExact);
      mix.trackers++;
    } else if (x < 0.6) {
      host = sub(pick(infra), SUBS);
      mix.knownNonTrackers++;
    } else if (x < 0.85) {
      host = r() < 0.5 ? page.pageHost : `${pick(SUBS.slice(2))}${page.pageSite}`;
      mix.firstParty++;
    } else {
      host = `${pick(SUBS.slice(1))}${pick(WORDS)}${Math.floor(r() * 5000)}cdn.${pick(TLDS)}`;
      mix.unknownThirdParty++;
    }
    items.push({ url: `https://${host}${path()}`, type: pick(TYPES), ...page });
  }
  return { items, mix, trackerHosts: [...trackerSuffixes, ...trackerExact] };
}
