import { useId } from 'react';
import type { Change } from '../../shared/records';
import type { BoardController } from '../board/BoardController';

const SEVERITY_LABEL = ['1 – minor', '2 – annoying', '3 – serious', '4 – severe', '5 – critical'];
const REACH_LABEL = ['1 – a few customers', '2 – some', '3 – many', '4 – most', '5 – nearly all'];

type ScoreField = 'severity' | 'reach';

/**
 * Severity and reach (1–5) of the selected pain points: one undo step per choice, shown on each
 * note as small "S" and "R" marks. Other selected notes are left alone (the sentence says so).
 */
export function ScoreEditor({ c }: { c: BoardController }) {
  const headId = useId();
  const sevId = useId();
  const reachId = useId();
  const selected = c.selectedNotes();
  const pains = selected.filter((n) => n.kind === 'pain_point');
  const common = (field: ScoreField): string => {
    const values = new Set(pains.map((n) => n[field] ?? null));
    if (values.size !== 1) return 'mixed';
    const v = [...values][0];
    return v === null || v === undefined ? '' : String(v);
  };
  const set = (field: ScoreField, value: string) => {
    if (value === 'mixed') return;
    const v = value === '' ? null : Number(value);
    const changes = pains.filter((n) => (n[field] ?? null) !== v).map((n) => ({ type: 'note', op: 'update', id: n.id, patch: { [field]: v } }) as Change);
    if (changes.length) c.commit(field === 'severity' ? 'Set severity' : 'Set reach', changes, pains.map((n) => n.id));
  };
  return (
    <section className="prioritise-section" aria-labelledby={headId} data-testid="score-editor">
      <h3 id={headId}>Severity and reach</h3>
      {selected.length === 0 ? (
        <p className="prioritise-hint">Select pain points on the board to rate how much they hurt and how many customers they touch.</p>
      ) : pains.length === 0 ? (
        <p className="prioritise-hint">None of the selected notes is a pain point: severity and reach are for pain points.</p>
      ) : (
        <>
          <p className="prioritise-hint">
            {pains.length === selected.length
              ? `${pains.length === 1 ? 'The selected pain point' : `The ${pains.length} selected pain points`}.`
              : `${pains.length} of the ${selected.length} selected notes are pain points; these are rated.`}
          </p>
          <div className="round-new-row">
            {(
              [
                ['severity', sevId, 'Severity', SEVERITY_LABEL],
                ['reach', reachId, 'Reach', REACH_LABEL],
              ] as const
            ).map(([field, id, label, options]) => {
              const value = common(field);
              return (
                <div className="prioritise-field grow" key={field}>
                  <label htmlFor={id}>{label}</label>
                  <select id={id} value={value} onChange={(e) => set(field, e.target.value)}>
                    {value === 'mixed' && <option value="mixed">Mixed</option>}
                    <option value="">Not rated</option>
                    {options.map((text, i) => (
                      <option key={text} value={String(i + 1)}>
                        {text}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}
