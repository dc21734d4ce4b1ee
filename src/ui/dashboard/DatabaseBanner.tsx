// The dashboard reads the database itself (with Dexie): when it was written by a newer Candor, the
// same sentence the worker gives. Kept apart from StorageBanner so the popup, which reads its report
// without Dexie (src/storage/stored.ts), does not load the database library for it.
import { useEffect, useState } from 'react';
import { getDb, tooNew } from '../../storage/db';

/** The dashboard reads the database itself: the same message when it was written by a newer Candor. */
export function DatabaseBanner() {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getDb()
      .open()
      .then(
        () => {},
        (e: unknown) => live && setText(tooNew(e)?.message ?? null),
      );
    return () => {
      live = false;
    };
  }, []);
  if (!text) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="storage-error">
      {text}
    </div>
  );
}

