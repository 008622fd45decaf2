import type { Channel } from '../../shared/domain';
import { emotionFace } from '../../shared/journey';
import { CHANNEL_ICON_PATHS, channelLabel } from './channelIcons';
import { FACE_FILL, FACE_INK, faceGeometry, mouthPathData } from './faces';

/**
 * A channel's line icon in the DOM. Decorative by default (the label is usually next to it); pass
 * `title` to give it an accessible name when it stands alone.
 */
export function ChannelIcon({ channel, size = 16, title }: { channel: Channel; size?: number; title?: boolean }) {
  return (
    <svg
      className="channel-icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      role={title ? 'img' : undefined}
      aria-label={title ? channelLabel(channel) : undefined}
      aria-hidden={title ? undefined : true}
    >
      <path d={CHANNEL_ICON_PATHS[channel]} />
    </svg>
  );
}

/**
 * The emotion face for a score, as the board draws it: solid ring when set by hand, dashed when
 * derived from the notes. Has an accessible name ("Negative") unless `decorative`.
 */
export function FaceIcon({ score, manual = true, size = 20, decorative = false }: { score: number; manual?: boolean; size?: number; decorative?: boolean }) {
  const face = emotionFace(score);
  const r = 10;
  const g = faceGeometry(face.level, r);
  const ink = FACE_INK[face.level];
  return (
    <svg
      className="face-icon"
      width={size}
      height={size}
      viewBox="-12 -12 24 24"
      role={decorative ? undefined : 'img'}
      aria-label={decorative ? undefined : face.label}
      aria-hidden={decorative ? true : undefined}
      data-face={face.name}
    >
      <circle r={r} fill={FACE_FILL[face.level]} stroke={ink} strokeWidth={1.5} strokeDasharray={manual ? undefined : '3.2 2.2'} />
      {g.eyes.map((e, i) => (
        <circle key={i} cx={e.x} cy={e.y} r={g.eyeRadius * 1.2} fill={ink} />
      ))}
      <path d={mouthPathData(face.level, r)} fill="none" stroke={ink} strokeWidth={1.5} strokeLinecap="round" />
    </svg>
  );
}
