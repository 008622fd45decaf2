/**
 * The few line icons the shell uses, drawn inline: no icon font (the app runs offline and
 * Debian's Chromium lacks glyphs such as ⧉ and 🗑, which showed as empty boxes).
 */
const common = {
  width: 16,
  height: 16,
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.5,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true,
  focusable: false,
};

export function PencilIcon() {
  return (
    <svg {...common}>
      <path d="M10.5 2.5l3 3L6 13l-3.5.5L3 10z" />
      <path d="M9 4l3 3" />
    </svg>
  );
}

export function CopyIcon() {
  return (
    <svg {...common}>
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 3.5V3A1.5 1.5 0 0 0 9 1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5" />
    </svg>
  );
}

export function TrashIcon() {
  return (
    <svg {...common}>
      <path d="M2.5 4.5h11" />
      <path d="M6 4.5V3a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v1.5" />
      <path d="M4 4.5l.7 8.6a1 1 0 0 0 1 .9h4.6a1 1 0 0 0 1-.9l.7-8.6" />
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg {...common} width={14} height={14}>
      <path d="M4 4l8 8M12 4l-8 8" />
    </svg>
  );
}

/** The end-of-step sound: a bell, struck through when muted. */
export function BellIcon({ off = false }: { off?: boolean }) {
  return (
    <svg {...common} data-icon={off ? 'bell-off' : 'bell'}>
      <path d="M4 11.5V7a4 4 0 0 1 8 0v4.5l1 1H3z" />
      <path d="M6.5 13.5a1.5 1.5 0 0 0 3 0" />
      {off && <path d="M2 2l12 12" />}
    </svg>
  );
}
