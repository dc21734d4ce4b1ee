// The decisions behind price-change, price-difference and the fake-deadline check, pure and small so
// each can be tested on its own.

/** Prices are compared in cents: 19.990000001 and 19.99 are the same price. */
export function samePrice(a: number, b: number): boolean {
  return Math.round(a * 100) === Math.round(b * 100);
}

/** Currencies agree when equal or when one side did not say (a page that shows "$" only sometimes). */
export function sameCurrency(a: string, b: string): boolean {
  return !a || !b || a.toUpperCase() === b.toUpperCase();
}

export interface CleanComparison {
  /** differs: beyond what two clean visits differ by; same: equal to the clean price */
  verdict: 'differs' | 'same' | 'within-noise' | 'unknown';
  /** the clean price compared with (the first of the control pair) */
  clean: number | null;
  /** how much the two clean visits differ: prices that move by themselves by this much are noise */
  noise: number;
  /** your price minus the clean price */
  difference: number;
}

/**
 * Your price against a clean visit, with a control pair (Hannak et al., IMC 2014): two clean visits
 * are fetched; if they disagree, prices on this page move by themselves (A/B tests, stock, time), and
 * only a difference larger than theirs is reported as yours.
 */
export function compareWithClean(you: number, clean: readonly (number | null)[], currencies: { you: string; clean: readonly string[] } = { you: '', clean: [] }): CleanComparison {
  const [a, b] = clean;
  if (a == null || b == null || currencies.clean.some((c) => !sameCurrency(currencies.you, c))) {
    return { verdict: 'unknown', clean: a ?? b ?? null, noise: 0, difference: 0 };
  }
  const noise = Math.round(Math.abs(a - b) * 100) / 100;
  // compare with the clean price nearer to yours: the more charitable reading of a noisy page
  const nearer = Math.abs(you - a) <= Math.abs(you - b) ? a : b;
  const difference = Math.round((you - nearer) * 100) / 100;
  if (samePrice(you, nearer)) return { verdict: 'same', clean: nearer, noise, difference: 0 };
  if (Math.abs(difference) <= noise) return { verdict: 'within-noise', clean: nearer, noise, difference };
  return { verdict: 'differs', clean: nearer, noise, difference };
}

export interface CountdownSeen {
  deadline: number;
  visitId: string;
  at: number;
}

/** Countdowns are read to the second, twice: allow for that much rounding between readings. */
export const COUNTDOWN_SLACK_MS = 2000;

/**
 * A countdown resets when, on a later visit, it promises a deadline later than the one it showed before
 * while that earlier deadline has not even passed: the offer "ending" was not real. A deadline that
 * stays put is a genuine one; a new timer after the old one ran out may be a new offer.
 */
export function countdownReset(prev: CountdownSeen | undefined, deadline: number, visitId: string, now: number, slackMs = COUNTDOWN_SLACK_MS): boolean {
  if (!prev || prev.visitId === visitId) return false;
  // slackMs: a clock that shows minutes ("ends in 9 minutes") puts a genuine deadline anywhere within
  // a minute; countdownSlackMs(text) in urgency-classify.ts gives the clock's own precision
  return prev.deadline > now && deadline - prev.deadline > slackMs;
}
