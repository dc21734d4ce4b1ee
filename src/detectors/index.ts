// Every detector the engine runs, in one list. Adding a concern = one file in this folder + one line here.
import { consentDetector } from './consent';
import { gpcDetector } from './gpc';
import { rightsDetector } from './rights';
import { trackersDetector } from './trackers';
import { trackingBeforeConsentDetector } from './tracking-before-consent';
import type { Detector } from './types';
import { vendorsDetector } from './vendors';

export const DETECTORS: readonly Detector[] = [trackersDetector, vendorsDetector, consentDetector, trackingBeforeConsentDetector, gpcDetector, rightsDetector];
