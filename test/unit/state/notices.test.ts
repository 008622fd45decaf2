import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INFO_NOTICE_MS, showError, showInfo, useNotices } from '../../../renderer/state/notices';

describe('notices', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useNotices.setState({ notices: [] });
  });
  afterEach(() => vi.useRealTimers());

  const messages = () => useNotices.getState().notices.map((n) => n.message);

  it('a passing info notice goes by itself; an error stays until dismissed', () => {
    showInfo('Exported “Claims” as PDF.');
    showError(new Error('The disk is full.'));
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1);
    expect(messages()).toEqual(['Exported “Claims” as PDF.', 'The disk is full.']);
    vi.advanceTimersByTime(1);
    expect(messages()).toEqual(['The disk is full.']);
    vi.advanceTimersByTime(10 * INFO_NOTICE_MS);
    expect(messages()).toEqual(['The disk is full.']);
  });

  it('the same info again starts its time over, and one that must stay stays', () => {
    showInfo('Saved a version.');
    vi.advanceTimersByTime(INFO_NOTICE_MS - 100);
    showInfo('Saved a version.');
    vi.advanceTimersByTime(INFO_NOTICE_MS - 100);
    expect(useNotices.getState().notices).toMatchObject([{ message: 'Saved a version.', count: 2 }]);
    useNotices.getState().push('info', 'A damaged store was set aside.', { stay: true });
    vi.advanceTimersByTime(10 * INFO_NOTICE_MS);
    expect(messages()).toEqual(['A damaged store was set aside.']);
  });
});
