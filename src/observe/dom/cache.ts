// What a scanner read from each element, kept between scans: a rescan reads only the elements that
// changed and puts its section together from everything still in the document.

export class ElementCache<V> {
  private map = new Map<Element, V>();
  /** entries were added after the first pass: insertion order is no longer document order */
  private unordered = false;
  constructor(readonly max: number) {}

  get size(): number {
    return this.map.size;
  }
  /** full, and `el` is not in it: reading `el` would be wasted work */
  full(el: Element): boolean {
    return this.map.size >= this.max && !this.map.has(el);
  }
  has(el: Element): boolean {
    return this.map.has(el);
  }
  get(el: Element): V | undefined {
    return this.map.get(el);
  }
  /** keeps the value, unless the cache is full and the element is new (the first ones are kept) */
  set(el: Element, v: V, incremental: boolean): void {
    if (!this.map.has(el)) {
      if (this.map.size >= this.max) return;
      if (incremental) this.unordered = true;
    }
    this.map.set(el, v);
  }
  delete(el: Element): void {
    this.map.delete(el);
  }
  clear(): void {
    this.map.clear();
    this.unordered = false;
  }
  /** the entries of elements still in the document, in document order */
  live(): [Element, V][] {
    for (const el of this.map.keys()) if (!el.isConnected) this.map.delete(el);
    const out = [...this.map];
    if (this.unordered) {
      out.sort(([a], [b]) => (a.compareDocumentPosition(b) & 4 /* FOLLOWING */ ? -1 : 1));
      this.map = new Map(out);
      this.unordered = false;
    }
    return out;
  }
}

/** `scope` itself when it matches, then the elements under it that match, at most `cap`. */
export function* matching(scope: Element | Document | ShadowRoot, selector: string, cap: number): Generator<Element> {
  let n = 0;
  if (scope instanceof Element && scope.matches(selector)) {
    n++;
    yield scope;
  }
  const list = scope.querySelectorAll(selector);
  for (let i = 0; i < list.length && n < cap; i++, n++) yield list[i]!;
}
