import { useEffect, useId, useRef, useState } from 'react';
import type { BoardNote } from '../../shared/board/history';
import type { BoardController } from '../board/BoardController';
import { noteTitle, toggleLink } from './planModel';

/**
 * "Answers…": the pain points an opportunity answers, as checkboxes in a small popover. Each tick
 * is one undo step. Escape or a click outside closes it and gives focus back to its button.
 */
export function LinkPicker({ controller, opportunity, painPoints, votes }: { controller: BoardController; opportunity: BoardNote; painPoints: readonly BoardNote[]; votes: ReadonlyMap<string, number> }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const pop = useRef<HTMLDivElement>(null);
  const id = useId();
  const count = opportunity.linkedNoteIds.filter((p) => painPoints.some((n) => n.id === p)).length;

  useEffect(() => {
    if (!open) return;
    pop.current?.querySelector<HTMLElement>('input, button')?.focus();
    const outside = (e: PointerEvent) => {
      if (!pop.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <span className="link-picker" data-nodrag="">
      <button
        ref={button}
        type="button"
        className="plan-chip-button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={`Answers… (${count}): the pain points “${noteTitle(opportunity, 40)}” answers`}
        onClick={() => setOpen(!open)}
      >
        Answers… ({count})
      </button>
      {open && (
        <div
          ref={pop}
          id={id}
          className="link-picker-pop"
          role="dialog"
          aria-label={`Pain points “${noteTitle(opportunity, 40)}” answers`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          {painPoints.length === 0 ? (
            <p className="plan-empty">The map has no pain points yet. Put notes in the Pain points lane (or give them that kind) to link them.</p>
          ) : (
            <ul>
              {painPoints.map((p) => (
                <li key={p.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={opportunity.linkedNoteIds.includes(p.id)}
                      onChange={() => {
                        const change = toggleLink(opportunity, p.id);
                        if (change) controller.commit(opportunity.linkedNoteIds.includes(p.id) ? 'Unlink pain point' : 'Link pain point', [change]);
                      }}
                    />
                    <span>{noteTitle(p, 60)}</span>
                    {(votes.get(p.id) ?? 0) > 0 && <span className="plan-votes">{votes.get(p.id)} votes</span>}
                  </label>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="button ghost" onClick={close}>
            Done
          </button>
        </div>
      )}
    </span>
  );
}

/** The pain points an opportunity card answers, listed under it (matrix and roadmap cards). */
export function LinkedPains({ linked }: { linked: readonly BoardNote[] }) {
  if (linked.length === 0) return null;
  return (
    <ul className="plan-links" aria-label="Answers these pain points">
      {linked.map((p) => (
        <li key={p.id}>{noteTitle(p, 40)}</li>
      ))}
    </ul>
  );
}
