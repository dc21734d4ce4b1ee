// Helpers for reading page text safely in scanners: capped, whitespace-folded.
import { capText } from '../../model/finding';

export function textOf(el: Element | null | undefined, max = 300): string {
  if (!el) return '';
  return capText((el as HTMLElement).innerText ?? el.textContent ?? '', max);
}

export function isVisible(el: Element): boolean {
  const r = (el as HTMLElement).getBoundingClientRect?.();
  if (!r || (r.width === 0 && r.height === 0)) return false;
  const st = getComputedStyle(el);
  return st.visibility !== 'hidden' && st.display !== 'none' && Number(st.opacity) > 0.05;
}

export function absUrl(href: string | null | undefined, base: string): string {
  if (!href) return '';
  try {
    return new URL(href, base).href.slice(0, 500);
  } catch {
    return '';
  }
}
