import type { FieldChange, MapComparison, NoteChangeItem, RecordChangeItem } from '../../shared/history/index';

function fieldLabel(field: string): string {
  return field.replace(/Id(s?)$/, '$1').replace(/([A-Z])/g, ' $1').toLowerCase();
}

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? `${v.length}` : 'none';
  if (typeof v === 'object') return '…';
  return String(v);
}

function fields(list: FieldChange[]): string {
  return list.map((f) => `${fieldLabel(f.field)}: ${value(f.before)} → ${value(f.after)}`).join('; ');
}

function place(p: NoteChangeItem['before']): string {
  if (!p || (!p.stage && !p.lane)) return 'the free board';
  return [p.stage, p.lane].filter(Boolean).join(' · ');
}

function short(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 80 ? `${t.slice(0, 79)}…` : t || '(empty note)';
}

/**
 * A comparison as a list a person can act on: each note item jumps to the note on the board (a
 * removed one to where it was) and a removed or changed note can be brought back as it was.
 */
export function CompareList({
  comparison,
  title,
  onJump,
  onBringBack,
}: {
  comparison: MapComparison;
  title: string;
  onJump(item: NoteChangeItem): void;
  /** Null when the earlier side is not a version (nothing to bring back from). */
  onBringBack: ((ids: string[]) => void) | null;
}) {
  const { notes, stages, lanes, records, tallies, header } = comparison;
  const empty = notes.length + stages.length + lanes.length + records.length + tallies.length + header.length === 0;
  const removed = notes.filter((n) => n.change === 'removed');
  const groups: [string, NoteChangeItem[]][] = [
    ['Added', notes.filter((n) => n.change === 'added')],
    ['Removed', removed],
    ['Moved', notes.filter((n) => n.change === 'changed' && n.moved)],
    ['Edited', notes.filter((n) => n.change === 'changed' && n.edited && !n.moved)],
  ];
  return (
    <section className="history-compare" aria-label={title} data-testid="history-compare">
      <h3>{title}</h3>
      {empty && <p className="history-muted">No changes.</p>}
      <p className="history-summary" data-testid="history-compare-summary">
        {comparison.added.length} added · {comparison.removed.length} removed · {comparison.moved.length} moved · {comparison.edited.length} edited
      </p>
      {onBringBack && removed.length > 1 && (
        <button type="button" className="button" onClick={() => onBringBack(removed.map((n) => n.id))}>
          Bring back all {removed.length} removed notes
        </button>
      )}
      {groups.map(([label, items]) =>
        items.length === 0 ? null : (
          <div key={label} className="history-group">
            <h4>
              {label} ({items.length})
            </h4>
            <ul>
              {items.map((n) => (
                <li key={n.id} className={`history-change change-${n.change === 'changed' ? (n.moved ? 'moved' : 'edited') : n.change}`} data-note-id={n.id}>
                  <button type="button" className="history-jump" onClick={() => onJump(n)} title="Show it on the board">
                    <span className="history-note-text">{n.textDiff ? <TextDiff item={n} /> : short(n.text)}</span>
                    {n.moved && (
                      <span className="history-detail">
                        {place(n.before)} → {place(n.after)}
                      </span>
                    )}
                    {n.fields.length > 0 && <span className="history-detail">{fields(n.fields)}</span>}
                  </button>
                  {onBringBack && n.change !== 'added' && (
                    <button type="button" className="button small" onClick={() => onBringBack([n.id])} aria-label={`Bring back “${short(n.text)}” as it was`}>
                      Bring back
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ),
      )}
      <RecordGroup label="Stages" items={stages} />
      <RecordGroup label="Lanes" items={lanes} />
      {tallies.length > 0 && (
        <div className="history-group">
          <h4>Votes ({tallies.length})</h4>
          <ul>
            {tallies.map((t) => (
              <li key={`${t.table}-${t.noteId}`} className="history-change">
                <span className="history-note-text">{short(t.text)}</span>
                <span className="history-detail">
                  {t.before} → {t.after}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <RecordGroup label="Other changes" items={records} />
      {header.length > 0 && (
        <div className="history-group">
          <h4>The map</h4>
          <p className="history-detail">{fields(header)}</p>
        </div>
      )}
    </section>
  );
}

function RecordGroup({ label, items }: { label: string; items: RecordChangeItem[] }) {
  if (items.length === 0) return null;
  return (
    <div className="history-group">
      <h4>
        {label} ({items.length})
      </h4>
      <ul>
        {items.map((r) => (
          <li key={`${r.table}-${r.id}`} className={`history-change change-${r.change}`}>
            <span className="history-note-text">
              {r.change === 'added' ? 'Added' : r.change === 'removed' ? 'Removed' : 'Changed'} {r.type} “{short(r.name)}”
            </span>
            {r.fields.length > 0 && <span className="history-detail">{fields(r.fields)}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function TextDiff({ item }: { item: NoteChangeItem }) {
  return (
    <>
      {item.textDiff!.map((p, i) =>
        p.added ? (
          <ins key={i}>{p.value}</ins>
        ) : p.removed ? (
          <del key={i}>{p.value}</del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </>
  );
}
