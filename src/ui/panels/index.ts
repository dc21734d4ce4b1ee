// Every concern panel, in display order. Adding one = a component file here + one line.
import { aiGlancePanel } from './AiGlance';
import { consentPanel } from './ConsentPanel';
import { pricePanel } from './PricePanel';
import { rightsPanel } from './RightsPanel';
import type { ReportPanel } from './types';

export const PANELS: readonly ReportPanel[] = [aiGlancePanel, pricePanel, consentPanel, rightsPanel];
export type { PanelProps, ReportPanel } from './types';
