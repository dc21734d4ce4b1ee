/** A DOM scanner runs in the ISOLATED content script and returns plain, capped data for its section. */
export interface DomScanner {
  /** section name in DomSnapshot.sections, read by the detector of the same concern */
  name: string;
  scan(doc: Document): unknown;
  /** only the top frame's section is read (its detector ignores frames): frames skip the work */
  topOnly?: boolean;
}
