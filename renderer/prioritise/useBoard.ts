import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { BoardController } from '../board/BoardController';
import { voteSession, type VoteSessionState } from './voteSession';

/**
 * Re-renders the calling panel after every change of the board's document (undo and redo
 * included) and of its selection; never on camera moves. Returns a number that changes with them.
 */
export function useBoardVersion(c: BoardController | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!c) return;
    let doc = c.ui.getState().docVersion;
    let selection = c.selection;
    return c.ui.subscribe((s) => {
      if (s.docVersion === doc && c.selection === selection) return;
      doc = s.docVersion;
      selection = c.selection;
      setVersion((v) => v + 1);
    });
  }, [c]);
  return version;
}

const NO_SESSION: VoteSessionState = { roundId: null, topN: null, voterId: null, clicking: false, refusal: null, said: null };

/** The board's voting session state (round shown, top N, voter, click-to-vote, last sentence). */
export function useVoteSession(c: BoardController | null): VoteSessionState {
  const session = c ? voteSession(c) : null;
  return useStore(session?.store ?? emptyStore, (s) => s);
}

const emptyStore = createStore<VoteSessionState>()(() => NO_SESSION);
