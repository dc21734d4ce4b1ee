// Work cut into idle slices. A job is an iterator that yields after each unit of work (one node read,
// one selector tried, one section put together); a slice runs units until its budget is spent, then
// the job waits for the next idle moment and resumes where it stopped. A unit is never cut in two,
// so a slice overruns its budget by at most one unit: units must stay small (one node, not a subtree).

/** at most this much of an idle period per slice */
export const SLICE_MS = 5;

export interface IdleDeadlineLike {
  timeRemaining(): number;
  didTimeout: boolean;
}
export type IdleScheduler = (cb: (d: IdleDeadlineLike) => void) => void;

/**
 * Runs units of `job` until it ends (returns true) or `now()` reaches the budget (returns false: call
 * again with the same job to resume). At least one unit runs, so a job always advances.
 */
export function runSlice(job: Iterator<unknown>, now: () => number, budget: number): boolean {
  const end = now() + budget;
  do {
    if (job.next().done) return true;
  } while (now() < end);
  return false;
}

/** The budget of one slice: SLICE_MS, less when the browser's idle period is shorter (never below 1 ms). */
export function sliceBudget(d: IdleDeadlineLike): number {
  return Math.min(SLICE_MS, Math.max(1, d.timeRemaining()));
}

/** Runs `job` to its end in idle slices; `done` gets the job's return value. */
export function runInSlices<T>(job: Iterator<unknown, T>, idle: IdleScheduler, now: () => number, done: (result: T) => void): void {
  let result: T | undefined;
  // capture the return value when the iterator ends, wherever in a slice that happens
  const wrapped: Iterator<unknown> = {
    next: () => {
      const r = job.next();
      if (r.done) result = r.value;
      return r;
    },
  };
  const slice = (d: IdleDeadlineLike) => {
    let finished = false;
    try {
      finished = runSlice(wrapped, now, sliceBudget(d));
    } catch (e) {
      console.debug('[candor] scan failed', e);
      return;
    }
    if (finished) done(result as T);
    else idle(slice);
  };
  idle(slice);
}
