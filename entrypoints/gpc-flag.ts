// MAIN world, document_start, registered by src/actions/apply.ts only while the person has Global
// Privacy Control on for this site (or all sites): the page sees navigator.globalPrivacyControl = true.
export default defineUnlistedScript(() => {
  try {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true, enumerable: true });
  } catch {
    // never break the page
  }
});
