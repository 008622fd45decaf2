import { useEffect, useRef, useState } from 'react';
import { Layer, Stage } from 'react-konva';
import type { JourneyMap } from '../../shared/domain';

/** Placeholder board: an empty Konva stage filling its container (the whiteboard issue fills it). */
export function Board({ map }: { map: JourneyMap }) {
  const host = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={host} data-testid="board" data-map-id={map.id} style={{ position: 'absolute', inset: 0 }}>
      <Stage width={size.width} height={size.height}>
        <Layer listening={false} />
      </Stage>
    </div>
  );
}
