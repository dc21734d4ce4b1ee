// Every concern panel, in display order. Adding one = a component file here + one line.
import type { ReportPanel } from './types';

export const PANELS: readonly ReportPanel[] = [];
export type { PanelProps, ReportPanel } from './types';
