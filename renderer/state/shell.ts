import { create } from 'zustand';

interface ShellState {
  /** The New map dialog is open (from the home screen's button or the native menu, on any screen). */
  newMapOpen: boolean;
  openNewMap(): void;
  closeNewMap(): void;
}

export const useShell = create<ShellState>((set) => ({
  newMapOpen: false,
  openNewMap: () => set({ newMapOpen: true }),
  closeNewMap: () => set({ newMapOpen: false }),
}));

export const openNewMap = (): void => useShell.getState().openNewMap();
