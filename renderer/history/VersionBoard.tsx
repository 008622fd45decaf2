import { useMemo } from 'react';
import type { JourneyboardApi } from '../../shared/api';
import { api } from '../api/client';
import { Board } from '../board/Board';
import { formatTime, versionName, type BrowsedVersion } from './historyStore';

/** Answers for a board showing a saved version: nothing it does is written (not even its camera). */
function readOnlyApi(): JourneyboardApi {
  return {
    call(method, input) {
      if (method === 'changes.apply') return Promise.resolve({ applied: (input as { changes: unknown[] }).changes.length }) as never;
      if (method === 'maps.setCamera') return Promise.resolve({ id: (input as { id: string }).id }) as never;
      return api.call(method, input);
    },
  };
}

/**
 * A saved version on a board of its own, read only, under a banner saying so. Its edit tools are
 * hidden; anything moved is not saved and is gone when the version is closed.
 */
export function VersionBoard({ view, onBack }: { view: BrowsedVersion; onBack(): void }) {
  const readOnly = useMemo(() => readOnlyApi(), []);
  return (
    <div className="version-board" data-testid="version-board">
      <Board key={view.version.id} map={view.map} api={readOnly} />
      <div className="version-banner" role="status" data-testid="version-banner">
        <span>
          <strong>Saved version:</strong> {versionName(view.version)} · {formatTime(view.version.createdAt)}. Read only: nothing here is saved.
        </span>
        <button type="button" className="button primary" onClick={onBack}>
          Back to now
        </button>
      </div>
    </div>
  );
}
