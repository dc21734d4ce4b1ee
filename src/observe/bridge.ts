// The MAIN-world <-> ISOLATED-world bridge: DOM CustomEvents carrying JSON strings (strings cross
// worlds in every browser; objects do not in Firefox). The page can read and forge these events:
// everything arriving from the MAIN world is treated as page-sourced and untrusted.
export const PAGE_TO_CONTENT = 'candor:page-events';
export const CONTENT_TO_PAGE = 'candor:probe';

export interface ProbeRequest {
  globals: string[];
}
