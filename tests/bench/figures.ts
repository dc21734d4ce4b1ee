// The benchmark figures: names, targets and what each ratio is compared against. The JSON output's
// keys are exactly FIGURES' names, in this order.

export const FIGURES = [
  { name: 'classify_us_median', unit: 'µs/request', target: 1, better: 'lower' },
  { name: 'classify_vs_adblocker', unit: 'ratio', target: 0.25, better: 'lower' },
  { name: 'pageload_overhead_ratio', unit: 'ratio', target: 1.03, better: 'lower' },
  { name: 'script_overhead_ratio', unit: 'ratio', target: 1.05, better: 'lower' },
  { name: 'hooks_overhead_ratio', unit: 'ratio', target: 1.05, better: 'lower' },
  { name: 'content_ms_per_page', unit: 'ms', target: 5, better: 'lower' },
  { name: 'content_start_kb', unit: 'kB', target: 20, better: 'lower' },
  { name: 'popup_render_ms', unit: 'ms', target: 100, better: 'lower' },
  { name: 'popup_js_kb', unit: 'kB', target: 250, better: 'lower' },
  { name: 'dashboard_render_ms', unit: 'ms', target: 300, better: 'lower' },
  { name: 'store_visits_per_s', unit: 'visits/s', target: 500, better: 'higher' },
  { name: 'sw_heap_mb', unit: 'MB', target: 30, better: 'lower' },
  { name: 'audit_pages_per_min', unit: 'pages/min', target: 20, better: 'higher' },
] as const;

export type FigureName = (typeof FIGURES)[number]['name'];

/** One measured figure: the value, and in words what it was measured against and how. */
export interface Result {
  name: FigureName;
  value: number;
  /** the baseline of a ratio, or the conditions of an absolute figure */
  baseline: string;
  /** extra lines for the table (per-page medians, which store was reported, caveats) */
  notes: string[];
}

export function meets(name: FigureName, value: number): boolean {
  const f = FIGURES.find((x) => x.name === name)!;
  if (!Number.isFinite(value) || value < 0) return false;
  return f.better === 'lower' ? value <= f.target : value >= f.target;
}
