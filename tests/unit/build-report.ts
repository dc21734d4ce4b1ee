// What the worker does before a report is built (derive, assess: src/background/finalise.ts), then the
// one pure report builder: unit tests state raw stored findings and read the report a person sees.
import { finaliseVisit } from '../../src/background/finalise';
import { DETECTORS } from '../../src/detectors';
import type { Detector } from '../../src/detectors/types';
import { type BuildInput, buildSiteReport } from '../../src/report/build';
import type { SiteReport } from '../../src/model/report';

export function buildReport(input: BuildInput & { detectors?: readonly Detector[] }): SiteReport {
  const { detectors, ...rest } = input;
  return buildSiteReport({ ...rest, findings: finaliseVisit(input.visit, input.findings, detectors ?? DETECTORS) });
}
