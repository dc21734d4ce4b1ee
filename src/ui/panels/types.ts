import type { ComponentType } from 'react';
import type { Principle } from '../../model/finding';
import type { SiteReport } from '../../model/report';

export interface PanelProps {
  report: SiteReport;
  visitId: string;
  tabId: number | null;
}

/**
 * A concern-specific block in the report (price history chart, "AI at a glance", actions). Rendered
 * under its principle when that principle is open, or at the top of the report for "top".
 * `show` decides from the report whether the panel has anything to say.
 */
export interface ReportPanel {
  id: string;
  principle: Principle | 'top';
  show(report: SiteReport): boolean;
  Component: ComponentType<PanelProps>;
}
