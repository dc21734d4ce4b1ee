// The DOM scan's scheduling, without a browser: idle slices that stop on their budget and resume
// where they stopped, and rescans that read only the subtrees a page changed.
import { describe, expect, it } from 'vitest';
import { planRescan, type Change } from '../../src/observe/dom/roots';
import { runInSlices, runSlice, sliceBudget, SLICE_MS, type IdleDeadlineLike } from '../../src/observe/dom/slices';

/** a clock that advances one "ms" per node read: a slice's budget is then a number of nodes */
function nodeClock() {
  const c = { t: 0, now: () => c.t };
  return c;
}

/** a job reading `n` nodes, each costing one tick of the clock */
function* readNodes(n: number, clock: { t: number }, seen: number[]): Generator<void, number> {
  for (let i = 0; i < n; i++) {
    clock.t++;
    seen.push(i);
    yield;
  }
  return seen.length;
}

describe('idle slices', () => {
  it('a slice stops when its budget is spent, in nodes, and the next one resumes at the following node', () => {
    const clock = nodeClock();
    const seen: number[] = [];
    const job = readNodes(23, clock, seen);
    const perSlice: number[] = [];
    let done = false;
    while (!done) {
      const before = seen.length;
      done = runSlice(job, clock.now, SLICE_MS);
      perSlice.push(seen.length - before);
    }
    // never more nodes in one slice than the budget allows
    expect(Math.max(...perSlice)).toBeLessThanOrEqual(SLICE_MS);
    // every node read exactly once, in order: nothing lost, nothing read twice across the pauses
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(perSlice.length).toBeGreaterThanOrEqual(Math.ceil(23 / SLICE_MS));
  });

  it('a short idle period gives a smaller slice, and a slice always makes progress', () => {
    expect(sliceBudget({ timeRemaining: () => 2, didTimeout: false })).toBe(2);
    expect(sliceBudget({ timeRemaining: () => 40, didTimeout: false })).toBe(SLICE_MS);
    expect(sliceBudget({ timeRemaining: () => 0, didTimeout: true })).toBe(1);
    const clock = nodeClock();
    const seen: number[] = [];
    const job = readNodes(3, clock, seen);
    clock.t = 100;
    expect(runSlice(job, clock.now, 0)).toBe(false);
    expect(seen).toEqual([0]);
  });

  it('runs a job to its end across idle callbacks and hands over its result', () => {
    const clock = nodeClock();
    const seen: number[] = [];
    const queue: ((d: IdleDeadlineLike) => void)[] = [];
    let result: number | undefined;
    runInSlices(readNodes(12, clock, seen), (cb) => queue.push(cb), clock.now, (r) => (result = r));
    let callbacks = 0;
    while (queue.length) {
      const before = seen.length;
      queue.shift()!({ timeRemaining: () => 50, didTimeout: false });
      expect(seen.length - before).toBeLessThanOrEqual(SLICE_MS);
      callbacks++;
    }
    expect(result).toBe(12);
    expect(callbacks).toBe(3);
  });
});

/** a tree of plain nodes, for the rescan planner */
interface N {
  id: string;
  parent: N | null;
  alive?: boolean;
}
function tree(): Record<string, N> {
  const t: Record<string, N> = {};
  const add = (id: string, parent: string | null) => (t[id] = { id, parent: parent ? t[parent]! : null });
  add('html', null);
  add('body', 'html');
  add('main', 'body');
  add('list', 'main');
  add('item1', 'list');
  add('deep', 'item1');
  add('deeper', 'deep');
  add('footer', 'body');
  add('clock', 'footer');
  return t;
}
const parent = (n: N) => n.parent;
const alive = (n: N) => n.alive !== false;
const ids = (ns: N[]) => ns.map((n) => n.id).sort();

describe('rescans read only what changed', () => {
  it('a node added deep in the page is read with its subtree, its ancestors alone, nothing else', () => {
    const t = tree();
    const plan = planRescan<N>([{ target: t.deep!, added: [t.deeper!] }], parent, alive);
    if (plan === 'full') throw new Error('expected a plan');
    expect(ids(plan.deep)).toEqual(['deeper']);
    // the ancestors' text changed; their other children (the footer, the clock) are not read
    expect(ids(plan.shallow)).toEqual(['body', 'deep', 'html', 'item1', 'list', 'main']);
    expect(ids(plan.shallow)).not.toContain('footer');
    expect(ids(plan.shallow)).not.toContain('clock');
  });

  it('added nodes inside other added nodes are read once, with the top-most', () => {
    const t = tree();
    const changes: Change<N>[] = [
      { target: t.list!, added: [t.item1!] },
      { target: t.item1!, added: [t.deep!] },
      { target: t.deep!, added: [t.deeper!] },
      { target: t.list!, added: [t.item1!] },
    ];
    const plan = planRescan(changes, parent, alive);
    if (plan === 'full') throw new Error('expected a plan');
    expect(ids(plan.deep)).toEqual(['item1']);
    // nothing inside the deep root is read a second time alone
    expect(ids(plan.shallow)).toEqual(['body', 'html', 'list', 'main']);
  });

  it('text replaced in place reads that element alone, not its subtree or siblings', () => {
    const t = tree();
    const plan = planRescan<N>([{ target: t.clock!, added: [] }], parent, alive);
    if (plan === 'full') throw new Error('expected a plan');
    expect(plan.deep).toEqual([]);
    expect(ids(plan.shallow)).toEqual(['body', 'clock', 'footer', 'html']);
  });

  it('nodes that left the document are not read; too many roots read the page whole', () => {
    const t = tree();
    t.deeper!.alive = false;
    const plan = planRescan<N>([{ target: t.deep!, added: [t.deeper!] }], parent, alive);
    if (plan === 'full') throw new Error('expected a plan');
    expect(plan.deep).toEqual([]);
    const many = Array.from({ length: 10 }, (_, i): N => ({ id: `n${i}`, parent: t.list! }));
    expect(planRescan([{ target: t.list!, added: many }], parent, alive, 5)).toBe('full');
    expect(planRescan([{ target: t.list!, added: many.slice(0, 5) }], parent, alive, 5)).not.toBe('full');
  });
});
