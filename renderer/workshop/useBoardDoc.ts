import { useEffect, useState } from 'react';
import type { BoardController } from '../board/BoardController';

/** Re-renders after every change of the board's document (undo and redo included). */
export function useBoardDoc(c: BoardController | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => (c ? c.onDocChange(() => setVersion((v) => v + 1)) : undefined), [c]);
  return version;
}

/** The board's controller once it is mounted (it mounts after the map bar). */
export function useController(board: () => BoardController | null): BoardController | null {
  const [c, setC] = useState<BoardController | null>(board);
  useEffect(() => {
    if (c) return;
    let tries = 0;
    const id = window.setInterval(() => {
      const found = board();
      if (found || ++tries > 100) window.clearInterval(id);
      if (found) setC(found);
    }, 50);
    return () => window.clearInterval(id);
  }, [board, c]);
  return c;
}
