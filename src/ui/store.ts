// UI state only (docs/contributing.md): which principle is open, which finding shows its evidence.
// Persisted data is read from Dexie with useLiveQuery, never copied here.
import { create } from 'zustand';
import type { Principle } from '../model/finding';

interface ReportUiState {
  openPrinciple: Principle | null;
  openFinding: string | null;
  togglePrinciple(p: Principle): void;
  toggleFinding(id: string): void;
}

export const useReportUi = create<ReportUiState>()((set) => ({
  openPrinciple: null,
  openFinding: null,
  togglePrinciple: (p) => set((s) => ({ openPrinciple: s.openPrinciple === p ? null : p })),
  toggleFinding: (id) => set((s) => ({ openFinding: s.openFinding === id ? null : id })),
}));
