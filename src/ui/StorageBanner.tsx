// Tells the user when Candor could not save what it saw (full disk, broken database): a privacy
// tool that silently stops recording would show a clean report that is not true.
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { capText } from '../model/finding';
import type { Reply } from '../model/messages';

type WriteError = Reply<'status/get'>['writeError'];

export function storageProblem(err: WriteError): string | null {
  if (!err) return null;
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
    void ask();
    const t = setInterval(ask, every);
    return () => {
      live = false;
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
