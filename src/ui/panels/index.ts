// Every concern panel, in display order. Adding one = a component file here + one line.
import { aiGlancePanel } from './AiGlance';
import type { ReportPanel } from './types';

export const PANELS: readonly ReportPanel[] = [aiGlancePanel];
export type { PanelProps, ReportPanel } from './types';
