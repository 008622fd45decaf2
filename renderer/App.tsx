import { useEffect } from 'react';
import { isMenuAction } from '../shared/menuActions';
import { registerActions, runAction } from './actions/registry';
import { FileDrop } from './files/FileDrop';
import { NewMapDialog } from './screens/NewMapDialog';
import { HomeScreen } from './screens/HomeScreen';
import { MapScreen } from './screens/MapScreen';
import { navigate, useRoute } from './state/route';
import { openNewMap, useShell } from './state/shell';
import { Notices } from './ui/Notices';

export function App() {
  const route = useRoute();
  const newMapOpen = useShell((s) => s.newMapOpen);
  const closeNewMap = useShell((s) => s.closeNewMap);

  // New map works on every screen (the native menu offers it over an open map too).
  useEffect(() => registerActions([{ id: 'map.new', label: 'New map', shortcut: 'Ctrl+N', perform: openNewMap }]), []);

  // Electron's native menu sends action ids; they run through the same registry as shortcuts.
  useEffect(() => {
    const bridge = window.journeyboard;
    if (!bridge?.onMenuAction) return;
    return bridge.onMenuAction((action) => {
      if (isMenuAction(action)) runAction(action);
    });
  }, []);

  return (
    <>
      {route.screen === 'map' ? <MapScreen key={route.mapId} mapId={route.mapId} /> : <HomeScreen />}
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
