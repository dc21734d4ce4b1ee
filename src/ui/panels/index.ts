// Every concern panel, in display order. Adding one = a component file here + one line.
import { consentPanel } from './ConsentPanel';
import { rightsPanel } from './RightsPanel';
import type { ReportPanel } from './types';

export const PANELS: readonly ReportPanel[] = [consentPanel, rightsPanel];
export type { PanelProps, ReportPanel } from './types';
