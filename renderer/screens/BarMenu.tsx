/**
 * A labelled drop-down of the map bar ("Panels ▾", "Show ▾"): the disclosure pattern, a button
 * with aria-expanded that shows a group of ordinary buttons under it. The items keep their role
 * and accessible names (a panel toggle is still a pressed-or-not button), so the bar can hold
 * fewer things at once without renaming any. Opening moves focus to the first item; ↑/↓ move
 * between items, Tab leaves; Escape, a click outside or focus leaving closes it (Escape and
 * choosing an item return focus to the trigger). `active`: one of its items is on (a panel is open), shown by a mark.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface BarMenuItemProps {
  label: string;
  /** A line under the label; a description for screen readers, not part of the name. */
  hint?: string;
  pressed?: boolean;
  testId?: string;
  onClick(): void;
}

export function BarMenu({ label, active = false, children }: { label: string; active?: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    root.current?.querySelector<HTMLElement>('.bar-menu-pop button, .bar-menu-pop select')?.focus();
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const items = () => [
    ...(root.current?.querySelectorAll<HTMLElement>('.bar-menu-pop button, .bar-menu-pop select') ?? []),
  ];
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      trigger.current?.focus();
      return;
    }
    if (!open || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || e.target instanceof HTMLSelectElement) return;
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    if (at === -1) return;
    e.preventDefault();
    list[(at + (e.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length]?.focus();
  };

  return (
    <div
      className="bar-menu"
      ref={root}
      onKeyDown={onKey}
      onBlur={(e) => {
        if (open && e.relatedTarget && !root.current?.contains(e.relatedTarget as Node)) setOpen(false);
      }}
    >
      <button
        ref={trigger}
        type="button"
        className={`button ghost bar-menu-trigger${active ? ' active' : ''}`}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
      >
        {label}
        <span className="bar-menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div
          className="popover bar-menu-pop"
          id={id}
          role="group"
          aria-label={label}
          onClick={(e) => {
            // An item was chosen (its own handler ran first): close, and put focus back on the
            // trigger rather than on the page's body when the item goes.
            if (!(e.target as Element).closest('.bar-menu-item')) return;
            setOpen(false);
            trigger.current?.focus();
          }}
        >
          {children}
        </div>
      )}
    </div>
  );
}

/** One item: a button named by its label alone (the hint, aria-hidden inside it, describes it). */
export function BarMenuItem({ label, hint, pressed, testId, onClick }: BarMenuItemProps) {
  const hintId = useId();
  return (
    <button
      type="button"
      className="popover-item bar-menu-item"
      aria-pressed={pressed}
      aria-describedby={hint ? hintId : undefined}
      data-testid={testId}
      onClick={onClick}
    >
      <span className="popover-label bar-menu-label">{label}</span>
      {hint && (
        // Hidden from the name (which stays the label), still read as the description.
        <span className="popover-hint bar-menu-hint" id={hintId} aria-hidden="true">
          {hint}
        </span>
      )}
    </button>
  );
}
