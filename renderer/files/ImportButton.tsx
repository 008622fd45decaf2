import { useRef } from 'react';
import type { MapSummary } from '../../shared/domain';
import { useMapImport } from './useMapImport';

/** Import a map from a .journey file or a JSON export; asks before replacing a map you have. */
export function ImportButton({ onImported }: { onImported: (map: MapSummary) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const { importFile, dialog } = useMapImport(onImported);
  return (
    <>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        Import…
      </button>
      <input
        ref={input}
        type="file"
        accept=".journey,.json,application/json"
        aria-label="Map file to import"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      {dialog}
    </>
  );
}
