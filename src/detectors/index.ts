// Every detector the engine runs, in one list. Adding a concern = one file in this folder + one line here.
import { chatDetector } from './chat';
import { trackersDetector } from './trackers';
import type { Detector } from './types';
import { vendorsDetector } from './vendors';

export const DETECTORS: readonly Detector[] = [trackersDetector, vendorsDetector, chatDetector];
