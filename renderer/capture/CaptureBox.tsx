import { useId, useRef, useState, type ClipboardEvent as ReactClipboardEvent } from 'react';
import { NOTE_TEXT_MAX, type JourneyMap } from '../../shared/domain';
import { showError } from '../state/notices';
import { kindInLane, type NoteDraft } from './placement';
import { createNotes, showOnBoard, structureOf, useBoardDoc, type ControllerRef } from './useBoard';

type Target = 'brainstorm' | 'cell';

/** One line per note, trimmed, empty lines dropped. */
export function captureLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/**
 * Keyboard-only capture: type a note, Enter, type the next. Each Enter is one note and one undo
 * step; pasting several lines makes one note per line in one undo step. Notes go to the brainstorm
 * area beside the frame (a tidy grid clear of other notes) or into a chosen cell.
 */
export function CaptureBox({ map, controller }: { map: JourneyMap; controller: ControllerRef }) {
  const { c } = useBoardDoc(controller);
  const { stages, lanes } = structureOf(c, map);
  const [text, setText] = useState('');
  const [author, setAuthor] = useState('');
  const [target, setTarget] = useState<Target>('brainstorm');
  const [stageId, setStageId] = useState('');
  const [laneId, setLaneId] = useState('');
  const [recent, setRecent] = useState<{ ids: string[]; text: string }[]>([]);
  const [count, setCount] = useState(0);
  const field = useRef<HTMLInputElement>(null);
  const ids = { text: useId(), author: useId(), stage: useId(), lane: useId() };
  const hasFrame = stages.length > 0 && lanes.length > 0;

  const stage = stages.find((s) => s.id === stageId) ?? stages[0];
  const lane = lanes.find((l) => l.id === laneId) ?? lanes[0];
  const inCell = target === 'cell' && hasFrame && stage && lane;

  const add = (lines: string[]) => {
    if (!c) {
      showError(new Error('The board is still opening. Try again in a moment.'));
      return false;
    }
    const tooLong = lines.find((l) => l.length > NOTE_TEXT_MAX);
    if (tooLong) {
      showError(
        new Error(
          `A note holds at most ${NOTE_TEXT_MAX.toLocaleString('en')} characters; this one has ${tooLong.length.toLocaleString('en')}. Shorten it and press Enter again.`,
        ),
      );
      return false;
    }
    const drafts: NoteDraft[] = lines.map((t) => ({
      text: t,
      stageId: inCell ? stage.id : null,
      laneId: inCell ? lane.id : null,
      kind: inCell ? kindInLane(lane, null) : null,
      author: author.trim() ? author.trim().slice(0, 100) : null,
    }));
    const made = createNotes(c, lines.length === 1 ? 'Capture note' : `Paste ${lines.length} notes`, drafts);
    setCount((n) => n + made.length);
    const entry = { ids: made.map((n) => n.id), text: lines.length === 1 ? lines[0]! : `${lines.length} notes pasted` };
    setRecent((r) => [entry, ...r].slice(0, 5));
    return true;
  };

  const onPaste = (e: ReactClipboardEvent<HTMLInputElement>) => {
    const pasted = e.clipboardData.getData('text/plain');
    if (!/[\r\n]/.test(pasted.trim())) return; // one line: an ordinary paste into the field
    e.preventDefault();
    // What is already typed is the first line's start, as if the paste went in at the end.
    const lines = captureLines(text + pasted);
    if (lines.length && add(lines)) setText('');
  };

  return (
    <div className="capture-box">
      <p className="capture-hint">Type a note and press Enter. Paste several lines to add one note per line.</p>
      <div className="capture-target" role="radiogroup" aria-label="Where new notes go">
        <label className={target === 'brainstorm' ? 'capture-seg on' : 'capture-seg'}>
          <input
            type="radio"
            name="capture-target"
            checked={target === 'brainstorm'}
            onChange={() => setTarget('brainstorm')}
          />
          Brainstorm area
        </label>
        <label
          className={target === 'cell' ? 'capture-seg on' : 'capture-seg'}
          title={hasFrame ? undefined : 'This map has no stages and lanes yet'}
        >
          <input
            type="radio"
            name="capture-target"
            checked={target === 'cell'}
            disabled={!hasFrame}
            onChange={() => setTarget('cell')}
          />
          A cell
        </label>
      </div>
      {target === 'cell' && hasFrame && (
        <div className="capture-cell">
          <label className="capture-field" htmlFor={ids.stage}>
            Stage
            <select id={ids.stage} value={stage?.id ?? ''} onChange={(e) => setStageId(e.target.value)}>
              {stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="capture-field" htmlFor={ids.lane}>
            Lane
            <select id={ids.lane} value={lane?.id ?? ''} onChange={(e) => setLaneId(e.target.value)}>
              {lanes.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <label className="capture-field" htmlFor={ids.author}>
        <span>
          Author<span className="capture-optional">optional</span>
        </span>
        <input
          id={ids.author}
          value={author}
          maxLength={100}
          placeholder="Who wrote it"
          onChange={(e) => setAuthor(e.target.value)}
        />
      </label>
      <label className="capture-field capture-main" htmlFor={ids.text}>
        Note
        <input
          ref={field}
          id={ids.text}
          data-testid="capture-input"
          value={text}
          autoComplete="off"
          placeholder={inCell ? `Add to ${stage.name} · ${lane.name}` : 'Add to the brainstorm area'}
          onChange={(e) => setText(e.target.value)}
          onPaste={onPaste}
          onKeyDown={(e) => {
            // With nothing typed, Ctrl+Z takes the board's last step back (the note just added).
            if (e.key.toLowerCase() === 'z' && (e.ctrlKey || e.metaKey) && !e.shiftKey && text === '' && c) {
              e.preventDefault();
              c.undo();
              return;
            }
            if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
            e.preventDefault();
            const lines = captureLines(text);
            if (lines.length && add([lines.join(' ')])) setText('');
          }}
        />
      </label>
      <div className="capture-log" aria-live="polite">
        {count > 0 && (
          <p className="capture-count">
            {count} note{count === 1 ? '' : 's'} added · Ctrl+Z in the empty field takes the last back
          </p>
        )}
        <ul>
          {recent
            .filter((r) => r.ids.some((id) => c?.note(id)))
            .map((r) => (
              <li key={r.ids[0]}>
                <span className="capture-log-text">{r.text}</span>
                <button type="button" className="capture-link" onClick={() => showOnBoard(c, r.ids)}>
                  Show
                </button>
              </li>
            ))}
        </ul>
      </div>
    </div>
  );
}
