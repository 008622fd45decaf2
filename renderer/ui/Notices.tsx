import { useNotices } from '../state/notices';
import { CloseIcon } from './icons';
import './Notices.css';

/**
 * Errors and notes for the person, stacked in the bottom-right corner (above the board's minimap),
 * newest last, each dismissable; the same message again shows once with a count.
 */
export function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  return (
    <div className="notices" aria-live="assertive" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span className="notice-text">{n.message}</span>
          {n.count > 1 && (
            <span className="notice-count" data-testid="notice-count" aria-label={`${n.count} times`}>
              ×{n.count}
            </span>
          )}
          <button type="button" className="notice-close" aria-label="Dismiss" title="Dismiss" onClick={() => dismiss(n.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
