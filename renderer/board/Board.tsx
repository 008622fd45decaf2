import { Layer, Stage } from 'react-konva';

/** Placeholder board: an empty Konva stage filling its container (the whiteboard issue fills it). */
export function Board({ width, height }: { width: number; height: number }) {
  return (
    <Stage width={width} height={height}>
      <Layer listening={false} />
    </Stage>
  );
}
