/**
 * One door for user commands (after Excalidraw's action manager): the native menu, toolbar
 * buttons and keyboard shortcuts all run actions by id. A screen registers the actions it can
 * perform while it is mounted and unregisters them when it unmounts.
 */
export interface Action {
  id: string;
  label: string;
  /** Human-readable shortcut shown in tooltips, e.g. "Ctrl+Z". */
  shortcut?: string;
  /** False when the action cannot run now (e.g. nothing to undo). */
  enabled?: () => boolean;
  perform: () => void;
}

const actions = new Map<string, Action>();

/** Registers actions; returns a function that removes exactly these registrations. */
export function registerActions(list: Action[]): () => void {
  for (const a of list) actions.set(a.id, a);
  return () => {
    for (const a of list) if (actions.get(a.id) === a) actions.delete(a.id);
  };
}

/** Runs an action by id; returns false if none is registered or it is disabled. */
export function runAction(id: string): boolean {
  const action = actions.get(id);
  if (!action || (action.enabled && !action.enabled())) return false;
  action.perform();
  return true;
}
