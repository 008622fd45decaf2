// The phone page's entry (renderer/participant.html): served by the room listener at `GET /`.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/base.css';
import './participant.css';
import { ParticipantApp } from './ParticipantApp';

// A room is known by its address: a session or an outbox from another room is not this one's.
const roomUrl = `${location.protocol}//${location.host}`;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ParticipantApp roomUrl={roomUrl} />
  </StrictMode>,
);
