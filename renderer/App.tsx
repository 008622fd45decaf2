import { useEffect, useState } from 'react';
import { isMenuAction } from '../shared/menuActions';
import { registerActions, runAction } from './actions/registry';
import { api } from './api/client';
import { FileDrop } from './files/FileDrop';
import { NewMapDialog } from './screens/NewMapDialog';
import { HomeScreen } from './screens/HomeScreen';
import { MapScreen } from './screens/MapScreen';
import { lastOpenMap, rememberOpenMap } from './screens/lastMap';
import { useStartupNotices } from './state/notices';
import { navigate, useRoute } from './state/route';
import { openNewMap, useShell } from './state/shell';
import { Notices } from './ui/Notices';
import { initTheme, setTheme, THEME_CHOICES } from './styles/theme';

// Before the first render, so a dark choice never flashes light.
initTheme();

export function App() {
  const route = useRoute();
  const newMapOpen = useShell((s) => s.newMapOpen);
  const closeNewMap = useShell((s) => s.closeNewMap);
  // Bumped for each map the desktop app opens from a file, so the map screen reloads even when it
  // already shows that map (its file version just replaced it).
  const [openedFromFile, setOpenedFromFile] = useState(0);
  // A store restored from a backup at start-up (web mode; the desktop app shows a dialog instead).
  useStartupNotices(api);

  // The desktop app reopens the map open when it last closed, if it still exists (web mode keeps
  // the open map in its address instead). Nothing is shown until that is settled, to avoid a flash
  // of the home screen.
  const [restoring, setRestoring] = useState(() => window.journeyboard !== undefined && route.screen === 'home' && lastOpenMap() !== null);
  useEffect(() => {
    if (!restoring) return;
    const mapId = lastOpenMap();
    let live = true;
    api.call('maps.list', {}).then(
      (maps) => {
        if (!live) return;
        if (maps.some((m) => m.id === mapId)) navigate({ screen: 'map', mapId: mapId! });
        setRestoring(false);
      },
      () => live && setRestoring(false),
    );
    return () => {
      live = false;
    };
  }, [restoring]);
  const openMapId = route.screen === 'map' ? route.mapId : null;
  useEffect(() => {
    if (!restoring && window.journeyboard) rememberOpenMap(openMapId);
  }, [openMapId, restoring]);

  // New map works on every screen (the native menu offers it over an open map too).
  useEffect(() => registerActions([{ id: 'map.new', label: 'New map', shortcut: 'Ctrl+N', perform: openNewMap }]), []);
  // View > Theme in the desktop app.
  useEffect(() => registerActions(THEME_CHOICES.map((c) => ({ id: `view.theme.${c.id}`, label: c.label, perform: () => setTheme(c.id) }))), []);

  // Electron's native menu sends action ids; they run through the same registry as shortcuts.
  useEffect(() => {
    const bridge = window.journeyboard;
    if (!bridge?.onMenuAction) return;
    return bridge.onMenuAction((action) => {
      if (isMenuAction(action)) runAction(action);
    });
  }, []);

  // Electron: a .journey file opened from the OS or File > Open… has been imported by the main
  // process; show its map.
  useEffect(() => {
    const bridge = window.journeyboard;
    if (!bridge?.onMapOpened) return;
    return bridge.onMapOpened((mapId) => {
      setOpenedFromFile((n) => n + 1);
      navigate({ screen: 'map', mapId });
    });
  }, []);

  return (
    <>
      {restoring ? null : route.screen === 'map' ? <MapScreen key={`${route.mapId}/${openedFromFile}`} mapId={route.mapId} /> : <HomeScreen />}
      {newMapOpen && (
        <NewMapDialog
          onCreated={(id) => {
            closeNewMap();
            navigate({ screen: 'map', mapId: id });
          }}
          onCancel={closeNewMap}
        />
      )}
      <FileDrop />
      <Notices />
    </>
  );
}
