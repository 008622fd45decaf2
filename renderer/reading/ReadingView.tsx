import { Fragment, useEffect, useId, useMemo, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { CHANNEL_LABELS, type JourneyMap, type Note, type Persona } from '../../shared/domain';
import { emotionBands, emotionFace, emotionY, monotoneCurve, roomSummary, svgPathData, type StageEmotion } from '../../shared/journey';
import { ChannelIcon, FaceIcon } from '../journey/ChannelIcon';
import { formatScore, LANE_KIND_STYLE } from '../journey/drawFrame';
import { PersonaAvatar } from '../panels/PersonaAvatar';
import { readingModel, type ReadingModel } from './readingModel';
import './reading.css';

/**
 * The map as a clean document for reading, review and print: the map's persona on top, then a
 * table with stages as columns and lanes as rows, the emotion curve, and the notes not yet placed.
 * Covers the app (it is portalled to <body>); Escape or Close returns to the board. Print hides
 * everything else and lays the table out landscape.
 */
export function ReadingView({ map, onClose, banner }: { map: JourneyMap; onClose(): void; /** Says what is shown when it is not the map as it is now (a saved version, read only). */ banner?: string }) {
  const model = useMemo(() => readingModel(map), [map]);
  const titleId = useId();
  const root = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    // The app behind is covered: keep keyboard and screen-reader focus out of it while open.
    const behind = [...document.body.children].filter((el): el is HTMLElement => el instanceof HTMLElement && el !== root.current && !el.inert);
    for (const el of behind) el.inert = true;
    root.current?.focus();
    return () => {
      for (const el of behind) el.inert = false;
      previous?.focus?.();
    };
  }, []);

  // Keys pressed here are for this view: the board's window shortcuts (N, Delete, ...) must not act
  // on a board the person cannot see.
  const onKeyDown = (e: ReactKeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      close.current();
    }
  };

  const noteCount = map.notes.length;
  const personaById = useMemo(() => new Map(map.personas.map((p) => [p.id, p])), [map.personas]);

  return createPortal(
    <div ref={root} className="reading-root" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} data-testid="reading-view" onKeyDown={onKeyDown}>
      <header className="reading-toolbar">
        <div className="reading-toolbar-title">
          <span className="reading-badge">Reading view</span>
          <span className="reading-toolbar-map">{model.title}</span>
        </div>
        <div className="reading-toolbar-actions">
          <button type="button" className="button" onClick={() => window.print()}>
            <PrintGlyph /> Print…
          </button>
          <button type="button" className="button primary" onClick={onClose}>
            Back to board
          </button>
        </div>
      </header>
      {banner && (
        <p className="reading-banner" role="status" data-testid="reading-banner">
          {banner}
        </p>
      )}
      <main className="reading-page">
        <header className="reading-head">
          <h1 id={titleId}>{model.title}</h1>
          <p className="reading-meta">
            {plural(model.stages.length, 'stage')} · {plural(model.rows.length, 'lane')} · {plural(noteCount, 'note')}
          </p>
        </header>
        {model.persona && <PersonaSheet persona={model.persona} />}
        {model.stages.length === 0 ? (
          <div className="reading-empty">
            <h2>No stages yet</h2>
            <p>Add stages to the journey on the board; each becomes a column here.</p>
          </div>
        ) : (
          <JourneyTable model={model} personaById={personaById} />
        )}
        {model.unplaced.length > 0 && <Unplaced model={model} personaById={personaById} />}
      </main>
    </div>,
    document.body,
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function PrintGlyph() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="button-glyph">
      <path d="M7 9 V3.5 H17 V9 M7 17.5 H4.5 A1.5 1.5 0 0 1 3 16 V10.5 A1.5 1.5 0 0 1 4.5 9 H19.5 A1.5 1.5 0 0 1 21 10.5 V16 A1.5 1.5 0 0 1 19.5 17.5 H17 M7 14 H17 V20.5 H7 Z" />
    </svg>
  );
}

/** The map's persona as a one-page profile. */
function PersonaSheet({ persona }: { persona: Persona }) {
  const sections: [string, string][] = [
    ['Goals', persona.goals],
    ['Needs', persona.needs],
    ['Frustrations', persona.frustrations],
  ];
  return (
    <section className="reading-persona" aria-label={`Persona: ${persona.name}`}>
      <div className="reading-persona-who">
        <PersonaAvatar persona={persona} size={72} />
        <div>
          <p className="reading-persona-kicker">This journey is for</p>
          <h2 className="reading-persona-name">{persona.name}</h2>
          {persona.role && <p className="reading-persona-role">{persona.role}</p>}
        </div>
      </div>
      {persona.quote && <blockquote className="reading-persona-quote">{persona.quote}</blockquote>}
      <dl className="reading-persona-facts">
        {sections.map(([label, text]) => (
          <div key={label} className="reading-persona-fact">
            <dt>{label}</dt>
            <dd>{text.trim() ? text : <span className="reading-muted">Not written yet</span>}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function JourneyTable({ model, personaById }: { model: ReadingModel; personaById: Map<string, Persona> }) {
  const S = model.stages.length;
  const emotionRows = <EmotionRows model={model} />;
  return (
    <div className="reading-table-wrap">
      <table className="reading-table" style={{ minWidth: 180 + S * 200 }}>
        <caption className="visually-hidden">The journey: stages across, lanes down</caption>
        <colgroup>
          <col className="reading-lane-col" />
          {model.stages.map((s) => (
            <col key={s.id} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <td className="reading-corner" />
            {model.stages.map((s, i) => (
              <th key={s.id} scope="col" className="reading-stage">
                <span className="reading-stage-num">Stage {i + 1}</span>
                <span className="reading-stage-name">{s.name}</span>
                {s.description && <span className="reading-stage-desc">{s.description}</span>}
                {s.goal && (
                  <span className="reading-stage-goal">
                    <span className="reading-stage-label">Goal: </span>
                    {s.goal}
                  </span>
                )}
                {s.expectations && (
                  <span className="reading-stage-goal">
                    <span className="reading-stage-label">Expects: </span>
                    {s.expectations}
                  </span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.rows.length === 0 && emotionRows}
          {model.rows.map((row, l) => {
            const style = LANE_KIND_STYLE[row.lane.kind];
            return (
              <Fragment key={row.lane.id}>
                <tr className="reading-lane" data-lane={row.lane.id} style={{ ['--lane-accent' as string]: style.accent, ['--lane-fill' as string]: style.fill }}>
                  <th scope="row" className="reading-lane-head">
                    <span className="reading-lane-name">{row.lane.name}</span>
                    {row.lane.kind !== 'custom' && style.label.toLowerCase() !== row.lane.name.trim().toLowerCase() && (
                      <span className="reading-lane-kind">{style.label}</span>
                    )}
                  </th>
                  {row.cells.map((notes, s) => (
                    <td key={model.stages[s]!.id} data-stage={model.stages[s]!.id}>
                      {notes.length > 0 ? (
                        <ul className="reading-notes">
                          {notes.map((n) => (
                            <ReadingNote key={n.id} note={n} personaById={personaById} />
                          ))}
                        </ul>
                      ) : (
                        <span className="reading-empty-cell" aria-label="No notes">
                          –
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
                {l === model.emotionAfter && emotionRows}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The emotion curve across the stages, then a row with each stage's face, score and where it came from. */
function EmotionRows({ model }: { model: ReadingModel }) {
  const S = model.stages.length;
  const W = 100;
  const top = 14;
  const bottom = 86;
  const points = model.emotions.flatMap((e, i) => (e.score === null ? [] : [{ x: (i + 0.5) * W, y: emotionY(e.score, top, bottom), e }]));
  const path = svgPathData(monotoneCurve(points));
  // The room's spread (issue 14): a band from each stage's low to high score, as on the board.
  const { bands } = emotionBands(
    model.stages.map((s, i) => ({ stageId: s.id, x: i * W, width: W })),
    model.emotions,
    top,
    bottom,
  );
  return (
    <>
      <tr className="reading-emotion-curve">
        <th scope="row" className="reading-lane-head">
          <span className="reading-lane-name">Emotion curve</span>
          <span className="reading-scale" aria-hidden="true">
            <span>+2</span>
            <span>0</span>
            <span>−2</span>
          </span>
        </th>
        <td colSpan={S}>
          <div className="reading-curve" role="img" aria-label={curveLabel(model)}>
            <svg viewBox={`0 0 ${S * W} 100`} preserveAspectRatio="none" aria-hidden="true">
              {[2, 1, 0, -1, -2].map((level) => (
                <line
                  key={level}
                  x1={0}
                  x2={S * W}
                  y1={emotionY(level, top, bottom)}
                  y2={emotionY(level, top, bottom)}
                  className={level === 0 ? 'curve-zero' : 'curve-guide'}
                  vectorEffect="non-scaling-stroke"
                />
              ))}
              {bands.map((b) => (
                <path key={b.stageIds[0]} d={b.svgPath} className="curve-band" vectorEffect="non-scaling-stroke" />
              ))}
              {path && points.length > 1 && <path d={path} className="curve-line" vectorEffect="non-scaling-stroke" />}
            </svg>
            {points.map((p) => (
              <span key={p.e.stageId} className="reading-curve-face" style={{ left: `${(p.x / (S * W)) * 100}%`, top: `${p.y}%` }}>
                <FaceIcon score={p.e.score!} manual={p.e.manual} size={26} decorative />
              </span>
            ))}
          </div>
        </td>
      </tr>
      <tr className="reading-emotion-scores">
        <th scope="row" className="reading-lane-head">
          <span className="reading-lane-name">Emotion score</span>
        </th>
        {model.emotions.map((e) => (
          <td key={e.stageId}>
            <EmotionScore emotion={e} />
          </td>
        ))}
      </tr>
    </>
  );
}

function curveLabel(model: ReadingModel): string {
  const parts = model.stages.map((s, i) => {
    const e = model.emotions[i]!;
    const room = e.room ? `, the room: ${roomSummary(e.room)}` : '';
    return `${s.name}: ${e.score === null ? 'no score' : `${emotionFace(e.score).label.toLowerCase()} (${formatScore(e.score)}${room})`}`;
  });
  return `Emotion curve. ${parts.join('; ')}.`;
}

function EmotionScore({ emotion }: { emotion: StageEmotion }) {
  if (emotion.score === null) {
    return <span className="reading-score reading-muted">No score yet</span>;
  }
  const face = emotionFace(emotion.score);
  return (
    <span className="reading-score" data-face={face.name}>
      <FaceIcon score={emotion.score} manual={emotion.manual} size={22} decorative />
      <span>
        <span className="reading-score-value">
          {formatScore(emotion.score)} <span className="reading-score-label">{face.label}</span>
        </span>
        <span className="reading-score-source">
          {emotion.manual ? 'Set by the facilitator' : emotion.room ? 'The room’s mean' : `Derived: average of ${plural(emotion.count, 'note')}`}
        </span>
        {emotion.room && <span className="reading-score-room">Room: {roomSummary(emotion.room)}</span>}
      </span>
    </span>
  );
}

function ReadingNote({ note, personaById, where }: { note: Note; personaById: Map<string, Persona>; where?: string }) {
  const personas = note.personaIds.map((id) => personaById.get(id)).filter((p): p is Persona => !!p);
  const face = note.sentiment !== null ? emotionFace(note.sentiment) : null;
  const hasMeta = note.channels.length > 0 || face || personas.length > 0 || where;
  return (
    <li className={`reading-note note-${note.color}`} data-note={note.id}>
      <p className="reading-note-text">{note.text.trim() ? note.text : <span className="reading-muted">(empty note)</span>}</p>
      {hasMeta && (
        <div className="reading-note-meta">
          {where && <span className="reading-where">{where}</span>}
          {note.channels.map((c) => (
            <span key={c} className="reading-chip">
              <ChannelIcon channel={c} size={13} />
              {CHANNEL_LABELS[c]}
            </span>
          ))}
          {face && note.sentiment !== null && (
            <span className="reading-chip reading-sentiment" data-face={face.name}>
              <FaceIcon score={note.sentiment} size={14} decorative />
              {face.label}
            </span>
          )}
          {personas.map((p) => (
            <span key={p.id} className="reading-chip reading-persona-chip">
              <PersonaAvatar persona={p} size={14} />
              {p.name}
            </span>
          ))}
        </div>
      )}
    </li>
  );
}

function Unplaced({ model, personaById }: { model: ReadingModel; personaById: Map<string, Persona> }) {
  const headingId = useId();
  const stageName = new Map(model.stages.map((s) => [s.id, s.name]));
  const laneName = new Map(model.rows.map((r) => [r.lane.id, r.lane.name]));
  const whereOf = (n: Note): string | undefined => {
    const s = n.stageId ? stageName.get(n.stageId) : undefined;
    const l = n.laneId ? laneName.get(n.laneId) : undefined;
    if (s && !l) return `Stage: ${s}`;
    if (l && !s) return `Lane: ${l}`;
    return undefined;
  };
  return (
    <section className="reading-unplaced" aria-labelledby={headingId}>
      <h2 id={headingId}>
        Not yet placed <span className="reading-count">{model.unplaced.length}</span>
      </h2>
      <p className="reading-hint">On the board, but not yet in a stage and a lane.</p>
      <ul className="reading-notes reading-unplaced-list">
        {model.unplaced.map((n) => (
          <ReadingNote key={n.id} note={n} personaById={personaById} where={whereOf(n)} />
        ))}
      </ul>
    </section>
  );
}
