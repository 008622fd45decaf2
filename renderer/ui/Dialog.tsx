import { useEffect, useId, useRef, type ReactNode } from 'react';
import './Dialog.css';

/**
 * A modal dialog on the native <dialog> element: focus moves into it (to the `autoFocus` field, or
 * the first button), Tab stays inside, Escape cancels, Enter in its form confirms, and focus
 * returns where it was when it closes.
 */
export function Dialog({
  title,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  wide = false,
  extraAction,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  wide?: boolean;
  /** A third choice beside Cancel and the confirm button (e.g. "Replace mine" next to "Keep both"). */
  extraAction?: { label: string; danger?: boolean; onClick: () => void };
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current!;
    const previous = document.activeElement as HTMLElement | null;
    dialog.showModal();
    // showModal() focuses the first focusable element (Cancel); a confirmation without a field
    // focuses its confirm button instead, so Enter confirms as in every other dialog.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog.close();
      previous?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        // Escape: the owner decides (it unmounts the dialog), so the element never closes by itself.
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) onConfirm();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          {extraAction && (
            <button type="button" className={extraAction.danger ? 'button danger' : 'button'} onClick={extraAction.onClick} disabled={busy}>
              {extraAction.label}
            </button>
          )}
          <button type="submit" className={danger ? 'button danger' : 'button primary'} disabled={busy} data-autofocus={danger || undefined}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
