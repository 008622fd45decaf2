/**
 * The journey frame's colours: light (the board in the light theme, and every export) and dark
 * (the board in the dark theme), and a soft fill and a header accent per lane kind.
 */
import type { LaneKind } from '../../shared/domain';

/** The frame's colours; the board's theme may read them to match. */
export const FRAME_THEME = {
  pill: 'rgba(255, 255, 255, 0.9)',
  frameFill: '#ffffff',
  frameEdge: '#cfd4dc',
  frameShadow: 'rgba(16, 24, 40, 0.06)',
  headerFill: '#fafbfc',
  grid: '#e2e5ea',
  headerGrid: '#cfd4dc',
  stageFill: '#ebf1ff',
  stageFillHighlight: '#dce7ff',
  stageEdge: '#c3d4ff',
  stageNumber: '#2f6bff',
  ink: '#1b1d21',
  ink2: '#4f5560',
  ink3: '#868c96',
  collapsedFill: '#f1f3f6',
  curve: '#2f6bff',
  curveAreaTop: 'rgba(47, 107, 255, 0.16)',
  curveAreaBottom: 'rgba(47, 107, 255, 0.01)',
  /** The room's spread around the curve: a translucent fill and a thin edge. */
  band: 'rgba(47, 107, 255, 0.18)',
  bandEdge: 'rgba(47, 107, 255, 0.55)',
  guide: '#e2e5ea',
  highlight: 'rgba(47, 107, 255, 0.07)',
  laneFill: {
    actions: '#f7f9fe',
    touchpoints: '#f5fafd',
    channels: '#f4fbfa',
    thoughts: '#faf7fe',
    emotions: '#fffcf5',
    pain_points: '#fff7f7',
    opportunities: '#f6fcf5',
    custom: '#fafaf9',
  } as Record<LaneKind, string>,
};

/** The frame's colours on the dark board (exports always use {@link FRAME_THEME}). */
export const FRAME_THEME_DARK: FrameTheme = {
  pill: 'rgba(30, 33, 39, 0.92)',
  frameFill: '#1e2127',
  frameEdge: '#4a505b',
  frameShadow: 'rgba(0, 0, 0, 0.35)',
  headerFill: '#23272e',
  grid: '#343942',
  headerGrid: '#4a505b',
  stageFill: '#1f2a44',
  stageFillHighlight: '#26365c',
  stageEdge: '#34497a',
  stageNumber: '#8db1ff',
  ink: '#e8eaed',
  ink2: '#c3c8d0',
  ink3: '#9aa1ab',
  collapsedFill: '#262a31',
  curve: '#6b9bff',
  curveAreaTop: 'rgba(107, 155, 255, 0.22)',
  curveAreaBottom: 'rgba(107, 155, 255, 0.02)',
  band: 'rgba(141, 177, 255, 0.26)',
  bandEdge: 'rgba(141, 177, 255, 0.7)',
  guide: '#343942',
  highlight: 'rgba(107, 155, 255, 0.12)',
  laneFill: {
    actions: '#1f2330',
    touchpoints: '#1d2530',
    channels: '#1c2629',
    thoughts: '#23202f',
    emotions: '#27251d',
    pain_points: '#2a1f22',
    opportunities: '#1e271f',
    custom: '#23252a',
  },
};

/** A soft background and a header accent per lane kind. */
export const LANE_KIND_STYLE: Record<LaneKind, { fill: string; accent: string; label: string }> = {
  actions: { fill: '#f7f9fe', accent: '#4c6ef5', label: 'Actions' },
  touchpoints: { fill: '#f5fafd', accent: '#1c7ed6', label: 'Touchpoints' },
  channels: { fill: '#f4fbfa', accent: '#0ca678', label: 'Channels' },
  thoughts: { fill: '#faf7fe', accent: '#7950f2', label: 'Thoughts' },
  emotions: { fill: '#fffcf5', accent: '#f59f00', label: 'Emotions' },
  pain_points: { fill: '#fff7f7', accent: '#e03131', label: 'Pain points' },
  opportunities: { fill: '#f6fcf5', accent: '#37b24d', label: 'Opportunities' },
  custom: { fill: '#fafaf9', accent: '#868e96', label: 'Custom' },
};

export type FrameTheme = typeof FRAME_THEME;

/** The colours to draw with: the dark board's, or the light ones (exports always draw light). */
export function frameTheme(dark = false): FrameTheme {
  return dark ? FRAME_THEME_DARK : FRAME_THEME;
}
