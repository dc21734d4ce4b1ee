// The parity table: every finding one browser reports on a fixture site and the other does not, with
// its cause. docs/firefox.md shows the same rows (tests/unit/firefox-parity-table.test.ts keeps them
// in step), and the parity tests assert each row: the difference must really be there, and nothing
// outside the table may differ.
import type { BrowserName } from '../../../src/cli/driver';
import type { Capabilities } from './session';

export interface Difference {
  /** the fixture or demo sites (registrable domains) where it shows */
  sites: string[];
  /** the finding, as tests/e2e/parity/signature.ts writes it */
  finding: string;
  /** the only browser whose report holds it */
  only: BrowserName;
  cause: string;
  /** the row holds only where the other browser lacks this capability (a desktop Firefox has WebGL) */
  whenLacking?: keyof Capabilities;
}

export const PARITY_DIFFERENCES: readonly Difference[] = [
  {
    sites: ['fp.test', 'brightbank.test'],
    finding: 'fingerprinting | FingerprintJS | canvas | concern',
    only: 'chromium',
    cause:
      'FingerprintJS does not draw its canvas images in Firefox 120 or newer (Firefox randomises canvas readouts in private windows and strict tracking protection, so the library skips them everywhere in Firefox): no canvas is read, so there is nothing to report',
  },
  {
    sites: ['fp.test', 'brightbank.test'],
    finding: 'fingerprinting | FingerprintJS | webgl | concern',
    only: 'chromium',
    whenLacking: 'webgl',
    cause:
      'headless Firefox on a machine without a display or GPU has no WebGL (its GL check fails and it has no software renderer like Chromium’s SwiftShader), so the graphics card cannot be read; a desktop Firefox reads it and reports it like Chromium',
  },
  {
    sites: ['cname-shop.test'],
    finding: 'tracker | Adobe Experience Cloud | omtrdc.net | first-party | concern',
    only: 'firefox',
    cause:
      'a tracker behind a DNS alias of the site’s own subdomain (CNAME cloaking) is seen through Firefox’s dns.resolve, which gives the canonical name; Chromium gives extensions no way to learn it, so there the request looks first-party',
  },
];
