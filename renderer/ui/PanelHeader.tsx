import type { ReactNode } from 'react';
import { CloseIcon } from './icons';

/**
 * The head of a side panel (Personas, Capture, Vote, Insights, Workshop, History): its name as the
 * heading that labels the panel (`titleId`), any actions of its own, and the close button (named
 * for the panel, "Close (Esc)" as its tooltip: Escape closes every side panel). `tabbed`: tabs
 * follow, so no rule under it.
 */
export function PanelHeader({
  titleId,
  title,
  closeLabel,
  onClose,
  tabbed = false,
  children,
}: {
  titleId: string;
  title: string;
  /** The close button's accessible name, e.g. "Close history". */
  closeLabel: string;
  onClose: () => void;
  tabbed?: boolean;
  /** Buttons before the close button. */
  children?: ReactNode;
}) {
  const close = (
    <button type="button" className="icon-button" aria-label={closeLabel} title="Close (Esc)" onClick={onClose}>
      <CloseIcon />
    </button>
  );
  return (
    <header className={tabbed ? 'side-panel-head tabbed' : 'side-panel-head'}>
      <h2 id={titleId}>{title}</h2>
      {children ? (
        <div className="side-panel-head-actions">
          {children}
          {close}
        </div>
      ) : (
        close
      )}
    </header>
  );
}
