// Tells the user when Candor could not save what it saw (full disk, broken database): a privacy
// tool that silently stops recording would show a clean report that is not true.
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { capText } from '../model/finding';
import type { Reply } from '../model/messages';

type WriteError = Reply<'status/get'>['writeError'];

export function storageProblem(err: WriteError): string | null {
  if (!err) return null;
  // the worker's own sentence (src/storage/db.ts DatabaseTooNewError): nothing was saved, nothing lost
  if (err.name === 'DatabaseTooNewError') return capText(err.message, 400);
  const when = new Date(err.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (err.name === 'QuotaExceededError') {
    return `Your browser’s storage is full, so Candor could not save what it saw since ${when}. Reports may be missing findings. Free some disk space, or clear old history in Candor’s dashboard.`;
  }
  return `Candor could not save what it saw since ${when} (${capText(err.message, 160)}). Reports may be missing findings.`;
}

export function StorageBanner({ every = 4000 }: { every?: number }) {
  const [err, setErr] = useState<WriteError>(null);
  useEffect(() => {
    let live = true;
    const ask = () =>
      browser.runtime.sendMessage({ type: 'status/get' }).then(
        (r: Reply<'status/get'>) => live && setErr(r?.writeError ?? null),
        () => {},
      );
    // first asked once the report has painted: waking the worker must not compete with opening the popup
    const idle = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
    const first = idle ? idle(() => void ask(), { timeout: 500 }) : setTimeout(() => void ask(), 0);
    const t = setInterval(ask, every);
    return () => {
      live = false;
      if (idle) (globalThis as unknown as { cancelIdleCallback(n: number): void }).cancelIdleCallback(first as number);
      else clearTimeout(first as ReturnType<typeof setTimeout>);
      clearInterval(t);
    };
  }, [every]);
  const text = storageProblem(err);
  if (!text) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="storage-error">
      {text}
    </div>
  );
}
