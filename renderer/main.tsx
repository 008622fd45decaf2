import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { RoomView } from './room/RoomView';
import { showError } from './state/notices';
import { parseHash } from './state/route';
import { initTheme } from './styles/theme';
import './styles/base.css';

// Anything that escapes a handler still reaches the person, not just the console.
window.addEventListener('unhandledrejection', (e) => showError(e.reason));

// The room view (`#/room/<mapId>`) is a page of its own: the projector's, read-only.
const route = parseHash(window.location.hash);
if (route.screen === 'room') initTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>{route.screen === 'room' ? <RoomView mapId={route.mapId} /> : <App />}</StrictMode>,
);
