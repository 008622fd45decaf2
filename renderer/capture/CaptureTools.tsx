import { useId, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { JourneyboardApi } from '../../shared/api';
import type { JourneyMap } from '../../shared/domain';
import type { BoardController } from '../board/BoardController';
import { PanelHeader } from '../ui/PanelHeader';
import { CaptureBox } from './CaptureBox';
import { ImportNotes } from './ImportNotes';
import { SimilarNotes } from './SimilarNotes';
import { SuggestReview } from './SuggestReview';
import './capture.css';

export type CaptureTab = 'capture' | 'import' | 'suggest' | 'similar';

const TABS: { id: CaptureTab; label: string }[] = [
  { id: 'capture', label: 'Capture' },
  { id: 'import', label: 'Import' },
  { id: 'suggest', label: 'Suggest' },
  { id: 'similar', label: 'Similar' },
];

export interface CaptureToolsProps {
  map: JourneyMap;
  /** The board's engine (the map screen's ref); null until the board has mounted. */
  controller: () => BoardController | null;
  onClose(): void;
  /** The tab to open on (default: Capture). */
  initialTab?: CaptureTab;
  /** The API client; tests pass a fake. */
  api?: JourneyboardApi;
}

/**
 * The side panel for getting notes onto the board and into shape (issue #5): capture by keyboard,
 * import a file or pasted text, review suggested stages and lanes, merge similar notes. Every
 * change goes through the board controller as one undo step per action.
 */
export function CaptureTools({ map, controller, onClose, initialTab = 'capture', api }: CaptureToolsProps) {
  const [tab, setTab] = useState<CaptureTab>(initialTab);
  const base = useId();
  const titleId = `${base}-title`;

  const onTabKey = (e: ReactKeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next =
      e.key === 'ArrowRight'
        ? i + 1
        : e.key === 'ArrowLeft'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    const t = TABS[(next + TABS.length) % TABS.length]!;
    setTab(t.id);
    document.getElementById(`${base}-tab-${t.id}`)?.focus();
  };

  return (
    <aside
      className="side-panel capture-panel"
      aria-labelledby={titleId}
      data-testid="capture-panel"
      onKeyDown={(e) => {
        // Escape in a field clears nothing and closes nothing; in the import dialog it closes only the dialog.
        const t = e.target as HTMLElement;
        if (
          e.key !== 'Escape' ||
          t.closest('dialog') ||
          t instanceof HTMLInputElement ||
          t instanceof HTMLTextAreaElement ||
          t instanceof HTMLSelectElement
        )
          return;
        onClose();
      }}
    >
      <PanelHeader titleId={titleId} title="Capture & structure" closeLabel="Close capture panel" onClose={onClose} tabbed />
      <div className="capture-tabs" role="tablist" aria-label="Capture tools" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`${base}-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`${base}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            className="capture-tab"
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="capture-body" role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${tab}`}>
        {tab === 'capture' && <CaptureBox map={map} controller={controller} />}
        {tab === 'import' && <ImportNotes map={map} controller={controller} />}
        {tab === 'suggest' && <SuggestReview map={map} controller={controller} api={api} />}
        {tab === 'similar' && <SimilarNotes controller={controller} api={api} />}
      </div>
    </aside>
  );
}
