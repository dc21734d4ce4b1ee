import type { Page } from 'playwright-core';
import type { Launched } from '../launch';

/**
 * An active probe run by `audit --interact` after the page settled: it acts as a person would
 * (types, clicks, asks the extension for a clean-visit price check) so the extension observes more.
 * Probes never detect anything themselves: the extension's report is still the only output.
 */
export interface Probe {
  /** kebab-case; `--no-probe-<name>` switches it off */
  name: string;
  description: string;
  run(page: Page, ctx: ProbeContext): Promise<void>;
}

export interface ProbeContext {
  url: string;
  tabId: number;
  ext: Launched;
  log(msg: string): void;
}
