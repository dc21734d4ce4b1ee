import type { AuditBrowser, AuditPage } from '../driver';

/**
 * An active probe run by `audit --interact` after the page settled: it acts as a person would
 * (types, clicks, asks the extension for a clean-visit price check) so the extension observes more.
 * Probes never detect anything themselves: the extension's report is still the only output.
 */
export interface Probe {
  /** kebab-case; `--no-probe-<name>` switches it off */
  name: string;
  description: string;
  run(page: AuditPage, ctx: ProbeContext): Promise<void>;
}

export interface ProbeContext {
  url: string;
  tabId: number;
  ext: AuditBrowser;
  log(msg: string): void;
}
