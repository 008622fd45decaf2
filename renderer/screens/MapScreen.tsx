import { useCallback, useEffect, useRef, useState } from 'react';
import type { JourneyMap } from '../../shared/domain';
import { registerActions } from '../actions/registry';
import { api, openRoomView } from '../api/client';
import { Board } from '../board/Board';
import type { BoardController } from '../board/BoardController';
import { CaptureTools } from '../capture/CaptureTools';
import { ExportMenu } from '../files/ExportMenu';
import { PersonasPanel } from '../panels/PersonasPanel';
import { InsightsPanel } from '../prioritise/InsightsPanel';
import { VotePanel } from '../prioritise/VotePanel';
import { ReadingView } from '../reading/ReadingView';
import { Presentation } from '../room/Presentation';
import { SilentControls } from '../room/SilentControls';
import { RoomButton } from '../room/RoomButton';
import { HistoryMarks } from '../history/HistoryMarks';
import { HistoryPanel } from '../history/HistoryPanel';
import { leaveVersion, useHistoryView } from '../history/historyStore';
import { VersionBoard } from '../history/VersionBoard';
import { MetricsRow } from '../plan/MetricsRow';
import { PlanView, ViewSwitch, type ViewName } from '../plan/PlanViews';
import { TimerChip } from '../workshop/TimerChip';
import { WorkshopPanel } from '../workshop/WorkshopPanel';
import { BarMenu, BarMenuItem } from './BarMenu';
import { MapPersonaChip } from './MapPersonaChip';
import { ThemeSelect } from './ThemeSelect';
import { messageOf, showError } from '../state/notices';
import { navigate } from '../state/route';
import './MapScreen.css';

/** One open map: a slim bar with its title and the way home, and the board below. */
export function MapScreen({ mapId }: { mapId: string }) {
  const [map, setMap] = useState<JourneyMap | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [panel, setPanel] = useState<'personas' | 'capture' | 'vote' | 'insights' | 'history' | 'workshop' | null>(null);
  /** A saved version shown read only in place of the live board (the History panel). */
  const browsing = useHistoryView((s) => s.browsing);
  const [lens, setLens] = useState<string | null>(null);
  const [reading, setReading] = useState<JourneyMap | null>(null);
  /** Presentation mode: the stage-by-stage walk over the board (renderer/room/Presentation.tsx). */
  const [presenting, setPresenting] = useState(false);
  const board = useRef<BoardController | null>(null);
  /** Board, Matrix or Roadmap; the board stays mounted (hidden) under the others, so one history and save queue serve all. */
  const [view, setView] = useState<ViewName>('board');
  const [controller, setController] = useState<BoardController | null>(null);
  const togglePanel = (p: NonNullable<typeof panel>) => setPanel((open) => (open === p ? null : p));
  const onController = useCallback((c: BoardController) => {
    board.current = c;
    setController(c);
  }, []);

  /** The board holds the live notes: save them, then read the whole map. */
  const latest = useCallback(async () => {
    await board.current?.saveNow();
    return api.call('maps.get', { id: mapId });
  }, [mapId]);

  const viewArea = useCallback(() => board.current?.viewArea() ?? null, []);
  const boardNow = useCallback(() => board.current, []);

  const openReading = async () => {
    try {
      setReading(await latest());
    } catch (err) {
      showError(err);
    }
  };

  useEffect(() => {
    // The screen is keyed by map id, so it starts empty for each map.
    let live = true;
    api.call('maps.get', { id: mapId }).then(
      (m) => live && setMap(m),
      (err) => live && setLoadError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [mapId]);

  // The personas and the one the map is for live in the board's document (choosing, adding and
  // deleting are undo steps): the map the panels read follows it, after an undo with the Personas
  // panel closed too (the chip reads the board itself). The board's persona list is a new array
  // only after a persona changed, so most edits cost one comparison here.
  useEffect(() => {
    if (!controller) return;
    let seen = controller.personas;
    const follow = () => {
      const personaId = controller.mapPersonaId;
      const list = controller.personas;
      const personasChanged = list !== seen;
      seen = list;
      setMap((m) => {
        if (!m || (m.personaId === personaId && !personasChanged)) return m;
        return { ...m, personaId, ...(personasChanged ? { personas: list.map((p) => ({ ...p, mapId: m.id })) } : {}) };
      });
    };
    follow();
    return controller.onDocChange(follow);
  }, [controller]);

  useEffect(() => registerActions([{ id: 'map.close', label: 'Close map', perform: () => navigate({ screen: 'home' }) }]), []);

  useEffect(() => {
    document.title = map ? `${map.title} – Journeyboard` : 'Journeyboard';
  }, [map]);

  return (
    <div className="map-screen">
      <header className="map-bar">
        <button type="button" className="button ghost back" title="Back to all maps" onClick={() => navigate({ screen: 'home' })}>
          ← <span className="back-word">Maps</span>
        </button>
        <span className="map-bar-divider" aria-hidden="true" />
        {map && <MapTitle map={map} onRenamed={(title) => setMap({ ...map, title })} />}
        {map && <MapPersonaChip map={map} board={controller} lens={lens !== null} onOpen={() => setPanel('personas')} />}
        {map && <ViewSwitch value={view} onChange={setView} />}
        {map && (
          <div className="map-bar-actions">
            <TimerChip mapId={map.id} onOpen={() => setPanel('workshop')} />
            <SilentControls mapId={map.id} board={boardNow} />
            <RoomButton mapId={map.id} />
            {/* What a facilitator reaches for during a session stays in view; the rest sits in two
                labelled drop-downs, so the title stays readable at 1280 px. */}
            <button type="button" className="button ghost" aria-pressed={panel === 'workshop'} onClick={() => togglePanel('workshop')}>
              Workshop
            </button>
            <button type="button" className="button ghost" aria-pressed={panel === 'vote'} onClick={() => togglePanel('vote')}>
              Vote
            </button>
            <BarMenu label="Panels" active={panel === 'personas' || panel === 'capture' || panel === 'insights' || panel === 'history'}>
              {(
                [
                  ['personas', 'Personas', 'Who the map is for; the persona lens'],
                  ['capture', 'Capture', 'Type or paste notes; suggest a structure'],
                  ['insights', 'Insights', 'What the votes and pain points say'],
                  ['history', 'History', 'Saved versions; compare with now'],
                ] as const
              ).map(([id, label, hint]) => (
                <BarMenuItem key={id} label={label} hint={hint} pressed={panel === id} onClick={() => togglePanel(id)} />
              ))}
            </BarMenu>
            <BarMenu label="Show" active={presenting}>
              <BarMenuItem label="Room" hint="The room view for the projector (read only, live)" onClick={() => void openRoomView(map.id).catch(showError)} />
              <BarMenuItem
                label="Present"
                hint="Walk the map stage by stage with the arrow keys; Escape leaves"
                pressed={presenting}
                onClick={() => {
                  setView('board');
                  setPresenting(!presenting);
                }}
              />
              <BarMenuItem label="Reading view" hint="The whole map as a document" onClick={() => void openReading()} />
              <div className="bar-menu-row">
                <span aria-hidden="true">Theme</span>
                <ThemeSelect />
              </div>
            </BarMenu>
            <ExportMenu latest={latest} view={viewArea} />
          </div>
        )}
        {!map && (
          <>
            <span className="map-bar-spacer" />
            <ThemeSelect />
          </>
        )}
      </header>
      <div className="map-body">
        {loadError ? (
          <div className="load-error" role="alert">
            <p>{loadError}</p>
            <button type="button" className="button" onClick={() => navigate({ screen: 'home' })}>
              Back to maps
            </button>
          </div>
        ) : map ? (
          <>
            {/* The board shrinks beside an open panel, so its toolbar, save pill and minimap stay in view. */}
            <div className={`board-host${panel ? ' with-panel' : ''}${view === 'board' ? '' : ' plan-hidden'}${presenting ? ' presenting' : ''}`} inert={view !== 'board'}>
              {browsing ? (
                <VersionBoard view={browsing} onBack={() => void leaveVersion(map.id, setMap).catch(showError)} />
              ) : (
                <Board key={map.id} map={map} personas={map.personas} lensPersonaId={lens} onController={onController} />
              )}
              {controller && !browsing && <MetricsRow controller={controller} />}
              {!browsing && <HistoryMarks controller={boardNow} />}
            </div>
            {controller && view !== 'board' && <PlanView view={view} controller={controller} />}
            {panel === 'personas' && (
              <PersonasPanel map={map} onMapChange={setMap} lensPersonaId={lens} onLensChange={setLens} onClose={() => setPanel(null)} board={boardNow} />
            )}
            {panel === 'capture' && <CaptureTools map={map} controller={() => board.current} onClose={() => setPanel(null)} />}
            {panel === 'vote' && <VotePanel board={boardNow} onClose={() => setPanel(null)} />}
            {panel === 'insights' && <InsightsPanel map={map} board={boardNow} onClose={() => setPanel(null)} />}
            {panel === 'workshop' && <WorkshopPanel map={map} board={boardNow} onView={setView} onClose={() => setPanel(null)} />}
            {panel === 'history' && <HistoryPanel map={map} onMapChange={setMap} board={boardNow} onClose={() => setPanel(null)} />}
            {reading && <ReadingView map={reading} onClose={() => setReading(null)} />}
            {presenting && controller && <Presentation controller={controller} map={map} onClose={() => setPresenting(false)} />}
          </>
        ) : (
          <div className="loading" aria-live="polite">
            Opening map…
          </div>
        )}
      </div>
    </div>
  );
}

/** The title; double-click (or Enter on it) to rename in place. Escape cancels. */
function MapTitle({ map, onRenamed }: { map: JourneyMap; onRenamed: (title: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(map.title);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  const commit = async () => {
    setEditing(false);
    if (draft === map.title) return;
    try {
      const saved = await api.call('maps.rename', { id: map.id, title: draft });
      onRenamed(saved.title);
    } catch (err) {
      setDraft(map.title);
      showError(err);
    }
  };

  if (editing) {
    return (
      <input
        ref={input}
        className="map-title-input"
        aria-label="Map title"
        maxLength={200}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            setDraft(map.title);
            setEditing(false);
          }
        }}
      />
    );
  }
  return (
    <h1
      className="map-name"
      data-testid="map-title"
      tabIndex={0}
      title="Double-click to rename"
      aria-description="Double-click or press Enter to rename"
      onDoubleClick={() => {
        setDraft(map.title);
        setEditing(true);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          setDraft(map.title);
          setEditing(true);
        }
      }}
    >
      {map.title}
    </h1>
  );
}
