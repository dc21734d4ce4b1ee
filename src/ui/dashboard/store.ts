// Dashboard UI state only (docs/contributing.md): search text, sort, the last notice. Data comes from Dexie.
import { create } from 'zustand';
import type { SiteSortKey, SortDir } from '../../report/history';

interface DashboardUi {
  query: string;
  sortKey: SiteSortKey;
  sortDir: SortDir;
  /** a short message for the live region ("example.com was deleted.") */
  notice: string;
  setQuery(q: string): void;
  sortBy(k: SiteSortKey): void;
  say(notice: string): void;
}

export const useDashboardUi = create<DashboardUi>()((set) => ({
  query: '',
  sortKey: 'lastSeen',
  sortDir: 'desc',
  notice: '',
  setQuery: (query) => set({ query }),
  // A new column sorts the way people expect first (names A→Z, numbers and dates biggest first).
  sortBy: (k) => set((s) => (s.sortKey === k ? { sortDir: s.sortDir === 'asc' ? 'desc' : 'asc' } : { sortKey: k, sortDir: k === 'site' ? 'asc' : 'desc' })),
  say: (notice) => set({ notice }),
}));
