import { useEffect, useState } from 'react';
import { navigate } from '../state/route';
import { isMapFile, useMapImport } from './useMapImport';
import './files.css';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/** Drop a .journey file (or a JSON export) anywhere on the window to open it. */
export function FileDrop() {
  const [over, setOver] = useState(false);
  const { importFile, dialog } = useMapImport((map) => navigate({ screen: 'map', mapId: map.id }));

  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overWindow = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      depth = 0;
      setOver(false);
      // A drop zone inside the page (a persona photo, the notes importer) has taken it already.
      if (!hasFiles(e) || e.defaultPrevented) return;
      e.preventDefault();
      const files = Array.from(e.dataTransfer?.files ?? []);
      const file = files.find((f) => isMapFile(f.name)) ?? files[0];
      if (file) void importFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overWindow);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overWindow);
      window.removeEventListener('drop', drop);
    };
  }, [importFile]);

  return (
    <>
      {over && (
        <div className="file-drop" aria-hidden="true">
          <div className="file-drop-card">Drop a .journey file to open it</div>
        </div>
      )}
      {dialog}
    </>
  );
}
