// Urgency and scarcity claims, after Mathur et al., "Dark Patterns at Scale" (CSCW 2019): countdown
// timers, low-stock and "N people are viewing" messages, limited-time claims. Pure: text in, pattern out.
// A delivery cut-off ("order within 2 h for next-day delivery", "order by 2pm") is a genuine shipping
// notice, not a sales pressure pattern, and is left alone.

export type UrgencyPattern = 'countdown' | 'low-stock' | 'activity' | 'limited-time';

/** Shipping cut-offs: a real deadline of the courier, not of the offer. */
const SHIPPING = /\b(deliver(y|ed)?|shipping|ships?|shipped|dispatch(ed)?|arrives?|next[- ]day|same[- ]day|courier|pick[- ]?up)\b/i;

const LOW_STOCK = [
  /\b(only|just)\s+\d{1,3}\s+(left|remaining|available)\b/i,
  /\b\d{1,3}\s+(left|remaining)\s+in\s+stock\b/i,
  /\bonly\s+\d{1,3}\s+(items?|pieces?|units?|rooms?|seats?|tickets?)\s+(left|remaining)\b/i,
  /\b(low|limited)\s+stock\b/i,
  /\balmost\s+(gone|sold\s+out)\b/i,
  /\bselling\s+fast\b/i,
  /\bin\s+high\s+demand\b/i,
];

const ACTIVITY = [
  /\b\d{1,5}\s+(other\s+)?(people|persons|shoppers|customers|users|visitors)\s+(are\s+)?(viewing|looking\s+at|watching|have\s+this\s+in\s+their\s+(cart|basket|bag))\b/i,
  /\b\d{1,5}\s+(people|shoppers|customers)\s+(bought|purchased|booked)\b.{0,30}\b(hours?|minutes?|today)\b/i,
  /\b(someone|\w+)\s+(in|from)\s+[\w ,]{2,30}\s+(just\s+)?(bought|purchased|ordered)\b/i,
  /\bbooked\s+\d{1,5}\s+times\s+(today|in\s+the\s+last)\b/i,
];

const LIMITED_TIME = [
  /\blimited[- ]time\s+(offer|only|deal|sale)\b/i,
  /\b(offer|sale|deal|discount|price)\s+(ends|expires)\s+(soon|today|tonight|in)\b/i,
  /\b(today|tonight)\s+only\b/i,
  /\blast\s+chance\b/i,
  // "hurry" alone is common prose; as a sales claim it comes first or with the thing running out
  /^hurry\b|\bhurry\b.{0,40}\b(left|ends?|now|before|while|sale|offer|stock|fast)\b/i,
  /\bends\s+(soon|today|tonight|at\s+midnight)\b/i,
  /\bflash\s+sale\b/i,
];

/** A running clock: "02:14:59", "1d 04h 10m", "4 hours 12 minutes 3 seconds". */
export const CLOCK_RE = /\b(?:(\d{1,3})\s*(?:d|days?)\s*)?(\d{1,2})\s*(?::|h|hrs?|hours?)\s*(\d{1,2})\s*(?::|m|mins?|minutes?)\s*(\d{1,2})\s*(?:s|secs?|seconds?)?\b/i;
const COUNTDOWN_CONTEXT = /\b(ends?|ending|expires?|left|remaining|hurry|offer|sale|deal|discount|price|only|closes?|last)\b/i;

/** Seconds left on a visible clock, or null. */
export function clockSeconds(text: string): number | null {
  const m = CLOCK_RE.exec(text);
  if (!m) return null;
  const [d, h, mi, s] = [m[1], m[2], m[3], m[4]].map((x) => Number(x ?? 0)) as [number, number, number, number];
  if (mi > 59 || s > 59) return null;
  return ((d * 24 + h) * 60 + mi) * 60 + s;
}

export function isShippingNotice(text: string): boolean {
  return SHIPPING.test(text);
}

/**
 * One test instead of eighteen for the text a scanner reads from every element: each pattern above
 * needs one of these words (or a clock), so text without any of them makes no claim.
 */
const ANY_WORD = /left|remaining|available|stock|almost|selling|demand|viewing|looking|watching|have\s+this|bought|purchased|booked|ordered|limited|ends|expires|only|chance|hurry|flash/i;
const ANY_CLOCK = /\d\s*(?::|h)/i;

/**
 * The urgency pattern a piece of page text makes, or null. `clockText` is the text of an element that
 * looks like a running clock, `context` the text around it (its container).
 */
export function classifyUrgency(text: string, opts: { hasClock?: boolean } = {}): UrgencyPattern | null {
  if (!text || text.length > 600) return null;
  if (!ANY_WORD.test(text) && !(opts.hasClock && ANY_CLOCK.test(text))) return null;
  if (isShippingNotice(text)) return null;
  if (opts.hasClock && clockSeconds(text) !== null && COUNTDOWN_CONTEXT.test(text)) return 'countdown';
  if (LOW_STOCK.some((r) => r.test(text))) return 'low-stock';
  if (ACTIVITY.some((r) => r.test(text))) return 'activity';
  if (LIMITED_TIME.some((r) => r.test(text))) return 'limited-time';
  return null;
}
