import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { showError } from './state/notices';
import './styles/base.css';

// Anything that escapes a handler still reaches the person, not just the console.
window.addEventListener('unhandledrejection', (e) => showError(e.reason));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
