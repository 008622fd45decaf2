import type { JourneyMap } from '../../shared/domain';
import type { BoardController } from '../board/BoardController';

export interface InsightLine {
  key: string;
  label: string;
  figure: string;
  noteIds: string[];
}

export interface InsightSection {
  title: string;
  empty: string;
  lines: InsightLine[];
}

/** The insights of the map as the board holds it now. */
export function insightSections(_c: BoardController, _map: JourneyMap): InsightSection[] {
  return [];
}
