// Which parts of the page a rescan reads, from the mutations seen since the last scan. Nodes that were
// added are read with everything under them ("deep" roots), deduplicated to the top-most ones: a node
// added inside another added node is read once, with its ancestor. The elements whose children
// changed otherwise (text replaced, nodes removed), and the ancestors of every deep root, have a
// different text now but no new element under them: each is read alone ("shallow"), never its subtree.
// Pure over any tree (the DOM in the page, plain objects in the unit tests).

export interface Change<N> {
  /** the node whose children changed */
  target: N;
  /** element nodes added under it (text nodes are not listed: they change the target's own text) */
  added: readonly N[];
}

export interface RescanPlan<N> {
  /** read with their whole subtree; no one of them is inside another */
  deep: N[];
  /** read alone; none of them is inside a deep root */
  shallow: N[];
}

/** More deep roots than this: the page is rebuilding itself, reading it whole costs less than this list. */
export const MAX_DEEP_ROOTS = 400;

/**
 * The plan for a rescan, or 'full' when the changes are too many to list. `alive` filters out nodes
 * that have left the document since (their findings go with them).
 */
export function planRescan<N>(changes: readonly Change<N>[], parent: (n: N) => N | null, alive: (n: N) => boolean = () => true, maxDeep = MAX_DEEP_ROOTS): RescanPlan<N> | 'full' {
  const added = new Set<N>();
  for (const c of changes) for (const n of c.added) if (alive(n)) added.add(n);
  // top-most: no ancestor is itself an added node
  const deep: N[] = [];
  for (const n of added) {
    let inside = false;
    for (let p = parent(n); p && !inside; p = parent(p)) inside = added.has(p);
    if (!inside) deep.push(n);
    if (deep.length > maxDeep) return 'full';
  }
  const deepSet = new Set(deep);
  const shallow = new Set<N>();
  /** adds `from` and its ancestors, unless one of them is a deep root (then the root's chain covers them) */
  const chain = (from: N | null) => {
    const run: N[] = [];
    for (let p = from; p; p = parent(p)) {
      if (deepSet.has(p)) return;
      if (shallow.has(p)) break;
      run.push(p);
    }
    for (const p of run) shallow.add(p);
  };
  for (const d of deep) chain(parent(d));
  for (const c of changes) if (alive(c.target)) chain(c.target);
  return { deep, shallow: [...shallow] };
}
