/**
 * The soft sound at the end of a step: two quiet sine notes made with WebAudio (no file to load).
 * Browsers allow sound only after a gesture on the page, so `prime()` runs on the click that starts
 * or resumes a step; with no gesture yet, the end passes silently. Muting is remembered.
 */
const MUTE_KEY = 'journeyboard.workshop.muted';
let audio: AudioContext | null = null;

export function isMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export function setMuted(muted: boolean): void {
  try {
    localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
  } catch {
    // Private mode: muting lasts for this page only.
  }
}

/** Called from a click: makes (or wakes) the audio context the end sound will use. */
export function prime(): void {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    audio ??= new Ctx();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

/** Plays the end chime, unless muted or the page has had no gesture yet. */
export function chime(): void {
  if (isMuted() || !audio || audio.state !== 'running') return;
  const t0 = audio.currentTime;
  for (const [i, freq] of [660, 880].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const start = t0 + i * 0.35;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(0.12, start + 0.05);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 1.1);
    osc.connect(gain).connect(audio.destination);
    osc.start(start);
    osc.stop(start + 1.2);
  }
}
