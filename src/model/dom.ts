// The DOM snapshot's sections, typed: what the content script's scanners send (raw observations:
// capped text, attributes, shapes) and what the worker makes of them before the detectors read them
// (src/detectors/dom-judge.ts). Shared by observe and detectors, so neither imports the other.

export type PriceSource = 'json-ld' | 'microdata' | 'open-graph' | 'visible';

export interface ExtractedPrice {
  product: string;
  /** stable per product on a site: SKU, else the lower-cased name */
  productKey: string;
  price: number;
  currency: string;
  source: PriceSource;
}

/** What a page offers the price extractor, however it was read. */
export interface PriceParts {
  /** texts of <script type="application/ld+json"> */
  jsonLd: string[];
  /** <meta property|name=… content=…> pairs */
  metas: { key: string; content: string }[];
  /** first itemprop="price" on the page (content attribute or text), with its currency and product name */
  microdata?: { price: string; currency?: string; name?: string; sku?: string } | null;
  /** price text shown near the buy button */
  visible?: string | null;
  title?: string;
}

export interface PriceDisclosure {
  text: string;
  /** where the words are: page text, or only in an attribute a person rarely sees */
  where: 'text' | 'title' | 'aria-label' | 'tooltip';
  visible: boolean;
  /** within a short distance of the shown price */
  nearPrice: boolean;
}

/** judged: what the fairness detector reads */
export interface PricesSection {
  price: ExtractedPrice | null;
  /** the price text shown to the person, when found */
  shown: string;
  disclosures: PriceDisclosure[];
}

/** raw, from the page: the parts to extract a price from, and texts that mention an algorithm */
export interface RawPricesSection {
  parts: PriceParts;
  /** the page's path: the product key when nothing better names the product */
  path: string;
  shown: string;
  /** candidate disclosures (text mentioning "algorithm"), the worker keeps the real ones */
  disclosures: PriceDisclosure[];
}

export type UrgencyPattern = 'countdown' | 'low-stock' | 'activity' | 'limited-time';

/** judged */
export interface UrgencyClaim {
  pattern: UrgencyPattern;
  text: string;
  /** countdowns: when the clock says it ends (epoch ms), from its first reading */
  deadline?: number;
}

/** raw: a short visible text of the page, as first read */
export interface UrgencyCandidate {
  text: string;
  /** the element shows a clock-like pattern (digits with ':' or 'h') */
  clock?: boolean;
  /** for a bare clock: its container's text, which explains it */
  context?: string;
  /** when it was first read (epoch ms): a countdown's deadline counts from here */
  readAt: number;
  /** index of the candidate of the element's parent, when that is a candidate too */
  parent?: number;
  /** for a clock: its first different reading, when it was seen to change (the worker decides
   *  whether it ticked down) */
  later?: { text: string; readAt: number };
  /** where on the page the text is: the worker decides whether it is said about an offer */
  place?: UrgencyPlace;
}

/** One element around an urgency text, as markup says it: tag, role and names, capped. */
export interface PlaceNode {
  tag: string;
  role?: string;
  /** aria-label */
  label?: string;
  /** id and class names, space-separated */
  names?: string;
  /** aria-modal="true", or an aria-live region */
  modal?: boolean;
  live?: boolean;
  /** schema.org itemtype, its last path segment ("BreadcrumbList") */
  type?: string;
}

/** raw: where an urgency text stands */
export interface UrgencyPlace {
  /** the element and its ancestors, nearest first (at most 12) */
  chain: PlaceNode[];
  /** the text of the largest close ancestor whose text stays short (a price or button next to it) */
  around: string;
  /** texts of the buttons in that ancestor */
  controls: string[];
  /** the element is a link or inside one */
  link: boolean;
  /** links in the nearest list around it (a menu or a list of categories has many) */
  listLinks: number;
  /** the text of its list item (capped): a menu entry is a few words, a product card has a price */
  item?: string;
}

export interface LinkInfo {
  href: string;
  text: string;
  /** aria-label or title, when the link has one */
  label: string;
  inFooter: boolean;
  visible: boolean;
}

export interface StoredKey {
  name: string;
  storage: 'cookie' | 'localStorage' | 'sessionStorage';
  length: number;
  idLike: boolean;
}

export interface VendorSelectorHit {
  id: string;
  selector: string;
}

/** What the worker hands the content script before it scans: the catalog's page-side lists. */
export interface PageKit {
  /** page globals vendor SDKs define */
  globals: string[];
  /** vendors known by DOM selectors (launchers, frames, containers) */
  selectors: { id: string; selectors: string[]; chat: boolean }[];
  /** chat vendors' hosts (a chat frame names its vendor by its host) */
  chatHosts: { id: string; hosts: string[] }[];
  /** patterns as [source, flags], owned by the detectors (ai-language, urgency): the page side only
   *  narrows what it sends with them; the worker judges */
  /** `clockHint`: what every clock has (a digit before a colon or a unit's first letter), a cheap test
   *  that lets most texts skip `clock` */
  patterns: { chatWords: Pattern; notChatWords: Pattern; urgencyWords: Pattern; clock: Pattern; clockHint: Pattern };
}

export type Pattern = [source: string, flags: string];
