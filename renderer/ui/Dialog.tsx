import { useEffect, useId, useRef, type ReactNode } from 'react';
import './Dialog.css';

/**
 * The native modal <dialog> every dialog is built on: it opens modal when it mounts (focus moves
 * in: to a `data-autofocus` element, else the first focusable one; Tab stays inside), Escape asks
 * the owner through `onCancel` (the element never closes by itself: the owner unmounts it), and
 * focus returns where it was when it unmounts. It is named by the heading whose id is `titleId`,
 * which the caller renders inside.
 */
export function ModalDialog({
  titleId,
  className,
  testId,
  onCancel,
  children,
}: {
  titleId: string;
  /** Classes beside `dialog` (e.g. `wide`, or the dialog's own). */
  className?: string;
  testId?: string;
  /** Escape. */
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current!;
    const previous = document.activeElement as HTMLElement | null;
    dialog.showModal();
    // showModal() focuses the first focusable element; a dialog may name another one.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog.close();
      previous?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}

/**
 * A modal dialog with a title, a body and Cancel / confirm buttons (see {@link ModalDialog} for
 * focus and Escape): Enter in its form confirms. A confirmation without a field focuses its
 * confirm button, so Enter confirms as in every other dialog.
 */
export function Dialog({
  title,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  wide = false,
  confirmDisabled = false,
  className,
  bodyClassName,
  testId,
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
  /** Only the confirm button is off (nothing to confirm yet); Cancel and Escape still work. */
  confirmDisabled?: boolean;
  /** The dialog's own class (its width, say), beside `dialog`. */
  className?: string;
  /** A class for the body beside `dialog-body`. */
  bodyClassName?: string;
  testId?: string;
  /** A third choice beside Cancel and the confirm button (e.g. "Replace mine" next to "Keep both"). */
  extraAction?: { label: string; danger?: boolean; onClick: () => void };
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const titleId = useId();
  const classes = [wide ? 'wide' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <ModalDialog titleId={titleId} className={classes || undefined} testId={testId} onCancel={() => !busy && onCancel()}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && !confirmDisabled) onConfirm();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        <div className={bodyClassName ? `dialog-body ${bodyClassName}` : 'dialog-body'}>{children}</div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          {extraAction && (
            <button type="button" className={extraAction.danger ? 'button danger' : 'button'} onClick={extraAction.onClick} disabled={busy}>
              {extraAction.label}
            </button>
          )}
          <button type="submit" className={danger ? 'button danger' : 'button primary'} disabled={busy || confirmDisabled} data-autofocus={danger || undefined}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
