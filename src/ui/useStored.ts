// A live read of stored rows without Dexie (src/storage/stored.ts): runs `read` once, then again
// whenever one of `tables` changes anywhere in the extension. One read at a time; changes that arrive
// meanwhile are coalesced into one more read.
import { useEffect, useState } from 'react';
import { onStoredChange, openStored } from '../storage/stored';

/** `read` gets null when there is no database yet. undefined while the first read runs. */
export function useStored<T>(tables: readonly string[], read: (db: IDBDatabase | null) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [state, setState] = useState<{ value: T } | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let running = false;
    let again = false;
    const run = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          let value: T;
          try {
            value = await read(await openStored());
          } catch {
            // the connection closed under the read (the worker upgrading the schema): once more
            value = await read(await openStored()).catch(() => read(null));
          }
          if (live) setState({ value });
        } while (again && live);
      } finally {
        running = false;
      }
    };
    const stop = onStoredChange(tables, () => void run());
    void run();
    return () => {
      live = false;
      stop();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state?.value;
}
