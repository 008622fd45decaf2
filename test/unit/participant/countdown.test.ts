import { describe, expect, it } from 'vitest';
import { clockOffset, countdownView, remainingOnPhone } from '../../../renderer/participant/countdown';

const SERVER = Date.UTC(2026, 10, 30, 9, 0, 0);

describe('phone countdown', () => {
  it('counts against the phone’s own clock corrected by the server’s, however far off the phone is', () => {
    // The phone's clock is 3 minutes and 7 seconds behind the facilitator's computer.
    const phoneAtReceipt = SERVER - 187_000;
    const offset = clockOffset(SERVER, phoneAtReceipt);
    const timer = { running: true, endsAt: SERVER + 5 * 60_000, remainingMs: 10 * 60_000 };
    expect(remainingOnPhone(timer, offset, phoneAtReceipt)).toBe(5 * 60_000);
    expect(countdownView(timer, offset, phoneAtReceipt + 55_000)).toEqual({
      text: '4:05',
      words: '4 minutes 5 seconds left',
      over: false,
      paused: false,
    });
    expect(countdownView(timer, offset, phoneAtReceipt + 5 * 60_000 + 12_000)).toMatchObject({
      text: '-0:12',
      over: true,
    });
  });

  it('a paused timer shows the time it had left, whatever the clock says; no timer shows nothing', () => {
    const paused = { running: false, endsAt: null, remainingMs: 90_000 };
    expect(countdownView(paused, 0, SERVER)).toMatchObject({ text: '1:30', paused: true });
    expect(countdownView(paused, 0, SERVER + 3_600_000)).toMatchObject({ text: '1:30', paused: true });
    expect(countdownView(null, 0, SERVER)).toBeNull();
    expect(countdownView({ running: false, endsAt: null, remainingMs: null }, 0, SERVER)).toBeNull();
  });
});
