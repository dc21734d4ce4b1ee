// Every concern panel, in display order. Adding one = a component file here + one line.
import { aiGlancePanel } from './AiGlance';
import { pricePanel } from './PricePanel';
import type { ReportPanel } from './types';

export const PANELS: readonly ReportPanel[] = [aiGlancePanel, pricePanel];
export type { PanelProps, ReportPanel } from './types';
