import { useEffect } from 'react';
import { isMenuAction } from '../shared/menuActions';
import { runAction } from './actions/registry';
import { useRoute } from './state/route';
import { HomeScreen } from './screens/HomeScreen';
import { MapScreen } from './screens/MapScreen';
import { Notices } from './ui/Notices';

export function App() {
  const route = useRoute();

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
      <Notices />
    </>
  );
}
