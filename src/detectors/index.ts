// Every detector the engine runs, in one list. Adding a concern = one file in this folder + one line here.
import { blockedDetector } from './blocked';
import { chatDetector } from './chat';
import { cloakedTrackersDetector } from './cloaked-trackers';
import { fairnessDetector } from './fairness';
import { fingerprintingDetector } from './fingerprinting';
import { firstPartyAnalyticsDetector } from './first-party-analytics';
import { identifiersDetector } from './identifiers';
import { keyloggingDetector } from './keylogging';
import { piiDetector } from './pii';
import { sessionReplayDetector } from './session-replay';
import { consentDetector } from './consent';
import { googleSignalsDetector } from './google-signals';
import { gpcDetector } from './gpc';
import { rightsDetector } from './rights';
import { trackersDetector } from './trackers';
import { trackingBeforeConsentDetector } from './tracking-before-consent';
import type { Detector } from './types';
import { vendorsDetector } from './vendors';

export const DETECTORS: readonly Detector[] = [
  trackersDetector,
  cloakedTrackersDetector,
  blockedDetector,
  vendorsDetector,
  fingerprintingDetector,
  sessionReplayDetector,
  keyloggingDetector,
  piiDetector,
  identifiersDetector,
  firstPartyAnalyticsDetector,
  fairnessDetector,
  chatDetector,
  consentDetector,
  trackingBeforeConsentDetector,
  googleSignalsDetector,
  gpcDetector,
  rightsDetector,
];
