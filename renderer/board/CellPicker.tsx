import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { Dialog } from '../ui/Dialog';
import type { BoardController } from './BoardController';

/**
 * "Move to cell…" (M, or the button beside the channels): a stage and a lane chosen from two lists
 * put the selected notes in that cell of the journey frame, the same changes as a drop there with
 * the mouse and one undo step. The keyboard's way into a cell. Starts on the cell of the first
 * selected note, or the first cell.
 */
export function CellPicker({ controller }: { controller: BoardController }) {
  const open = useStore(controller.ui, (s) => s.cellPicker);
  if (!open) return null;
  return <CellPickerDialog controller={controller} />;
}

function CellPickerDialog({ controller }: { controller: BoardController }) {
  const stages = controller.stages;
  const lanes = controller.lanes;
  const first = controller.selectedNotes()[0];
  const [stageId, setStageId] = useState(stages.some((s) => s.id === first?.stageId) ? first!.stageId! : (stages[0]?.id ?? ''));
  const [laneId, setLaneId] = useState(lanes.some((l) => l.id === first?.laneId) ? first!.laneId! : (lanes[0]?.id ?? ''));
  const stageField = useId();
  const laneField = useId();
  const count = controller.selection.size;
  const close = () => controller.ui.setState({ cellPicker: false });
  return (
    <Dialog
      title={count === 1 ? 'Move the note to a cell' : `Move ${count} notes to a cell`}
      confirmLabel="Move"
      onCancel={close}
      onConfirm={() => {
        close();
        controller.moveSelectionToCell(stageId, laneId);
      }}
    >
      <div data-testid="cell-picker" style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '10px 12px', alignItems: 'center' }}>
        <label htmlFor={stageField}>Stage</label>
        <select id={stageField} data-testid="cell-picker-stage" data-autofocus value={stageId} onChange={(e) => setStageId(e.target.value)}>
          {stages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name.trim() || 'Untitled stage'}
            </option>
          ))}
        </select>
        <label htmlFor={laneField}>Lane</label>
        <select id={laneField} data-testid="cell-picker-lane" value={laneId} onChange={(e) => setLaneId(e.target.value)}>
          {lanes.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name.trim() || 'Untitled lane'}
            </option>
          ))}
        </select>
      </div>
    </Dialog>
  );
}
