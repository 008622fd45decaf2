import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { BoardController } from './BoardController';

/**
 * A ref for a DOM layer kept in board coordinates: it moves and scales with the camera, and `--inv` (1 /
 * zoom) lets what is in it keep a screen size (text, focus rings). The frame's header buttons and
 * the metrics row are such layers.
 */
export function useWorldLayer<E extends HTMLElement>(controller: BoardController): RefObject<E | null> {
  const layer = useRef<E>(null);
  useLayoutEffect(() => {
    const el = layer.current;
    if (!el) return;
    const place = () => {
      const { x, y, zoom } = controller.camera;
      el.style.transform = `translate(${-x * zoom}px, ${-y * zoom}px) scale(${zoom})`;
      el.style.setProperty('--inv', String(1 / zoom));
    };
    place();
    return controller.onCameraChange(place);
  }, [controller]);
  return layer;
}
