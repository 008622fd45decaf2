/**
 * The workshop (issue 13): the map's agenda and its timer. The timer methods (start, pause, resume,
 * extend, next) write the map's timer fields and the steps' times; they are session state, not undo
 * steps. Editing the agenda's steps is `changes.apply` (undoable in the UI); `workshop.applyTemplate`
 * is the same replacement for clients without an undo history.
 *
 * Agenda templates: the shipped ones are data in resources/workshops/ (validated like map
 * templates; a bad file is skipped with a warning). Templates a person saves from a map are JSON
 * files in the data folder's `workshops/` (written atomically: a temporary file, then a rename), so
 * they are shared by every map in that folder and survive the maps they came from.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Step } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { recordsOf, type Change } from '../../shared/records/index';
import {
  agendaFromSteps,
  agendaIdOf,
  agendaSchema,
  DEFAULT_AGENDA_ID,
  nextStepOf,
  orderedSteps,
  replaceAgendaChanges,
  stepValuesFor,
  summariseAgenda,
  type Agenda,
  type AgendaSummary,
  type WorkshopState,
  type WorkshopTemplate,
} from '../../shared/workshop/agenda';
import * as timer from '../../shared/workshop/timer';
import { fromRecord, readMap, toMapHeader, toRecord } from '../store/rows';
import type { RecordStore } from './changes';
import { requireMap, type ServiceContext } from './context';
import { fsyncPath } from '../store/fsync';
import { saveAutoVersion } from './versions';

/** Loads agenda templates from a folder of JSON files; a bad file is skipped with a warning. */
export function loadAgendas(dir: string): Agenda[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const out: Agenda[] = [];
  for (const file of files.sort()) {
    try {
      out.push(agendaSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))));
    } catch (err) {
      console.warn(`Skipping workshop agenda ${file}: ${(err as Error).message}`);
    }
  }
  return out.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

let builtinCache: { dir: string; agendas: Agenda[] } | null = null;
function builtinAgendas(resourcesDir: string): Agenda[] {
  const dir = path.join(resourcesDir, 'workshops');
  if (builtinCache?.dir !== dir) builtinCache = { dir, agendas: loadAgendas(dir) };
  return builtinCache.agendas;
}

/** Gives a new map the default agenda (the 8-step method), its stages and lanes resolved. Called by maps.create. */
export function insertDefaultAgenda(ctx: ServiceContext, mapId: string): void {
  const agenda = builtinAgendas(ctx.resourcesDir).find((a) => a.id === DEFAULT_AGENDA_ID);
  if (!agenda) return;
  const map = readMap(ctx.repos, mapId)!;
  const insert = ctx.repos.records.step.insert as { run(row: unknown): unknown };
  for (const value of stepValuesFor(agenda, map)) insert.run(fromRecord('step', { id: ctx.newId(), mapId, ...value }));
}

function writeFileAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(tmp, text, 'utf8');
    fsyncPath(tmp, 'r+');
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * `savedDir`: where saved agenda templates live (the data folder's `workshops/`).
 */
export function createWorkshopService(ctx: ServiceContext, records: RecordStore, savedDir: string) {
  const { db } = ctx;
  const setTimer = db.prepare<[string | null, number | null, number | null, number, string]>(
    'UPDATE maps SET current_step_id = ?, timer_ends_at = ?, timer_remaining_ms = ?, timer_running = ? WHERE id = ?',
  );

  function stateOf(mapId: string) {
    const map = readMap(ctx.repos, mapId);
    if (!map) requireMap(ctx, mapId);
    const steps = orderedSteps(recordsOf(map!, 'step'));
    const t: timer.TimerState = { running: map!.timerRunning, endsAt: map!.timerEndsAt, remainingMs: map!.timerRemainingMs };
    return { map: map!, steps, timer: t, currentStepId: map!.currentStepId };
  }

  function get(mapId: string): WorkshopState {
    // Read after every change to the map by each window that follows it: the header and the steps
    // only, not the whole map (a 5,000-note map read per phone's note saturated the store).
    const header = toMapHeader(requireMap(ctx, mapId));
    const s = {
      steps: orderedSteps(ctx.repos.records.step.ofMap.all(mapId).map((r) => toRecord('step', r))),
      currentStepId: header.currentStepId,
      timer: { running: header.timerRunning, endsAt: header.timerEndsAt, remainingMs: header.timerRemainingMs } as timer.TimerState,
    };
    const now = ctx.now();
    return {
      steps: s.steps,
      currentStepId: s.currentStepId,
      timer: { running: s.timer.running, endsAt: s.timer.running ? s.timer.endsAt : null, remainingMs: timer.remainingAt(s.timer, now) },
      now,
    };
  }

  function write(mapId: string, currentStepId: string | null, t: timer.TimerState) {
    setTimer.run(currentStepId, t.endsAt, t.remainingMs, t.running ? 1 : 0, mapId);
  }

  /** Ends the current step, if any: banks its time, marks when it ended, and saves an automatic version. */
  function endCurrent(mapId: string, s: ReturnType<typeof stateOf>, now: number) {
    const current = s.steps.find((x) => x.id === s.currentStepId);
    if (!current) return;
    const { spentMs } = timer.stop(s.timer, now);
    records.update('step', mapId, current.id, { spentMs: current.spentMs + spentMs, endedAt: now }, 'current step');
    write(mapId, null, timer.IDLE);
    // History (issue 15): an automatic version at the end of each step.
    saveAutoVersion(ctx, mapId, `Workshop step ended: ${current.title}`);
  }

  function startStep(mapId: string, step: Step, now: number) {
    records.update('step', mapId, step.id, { startedAt: now, endedAt: null }, 'step');
    write(mapId, step.id, timer.start(timer.planMs(step), step.spentMs, now));
  }

  function requireCurrent(s: ReturnType<typeof stateOf>, what: string) {
    if (s.currentStepId === null || !timer.isActive(s.timer)) {
      throw new ApiError('invalid_input', `No step is running, so there is nothing to ${what}. Start a step first.`);
    }
  }

  function allAgendas(): { agenda: Agenda; source: AgendaSummary['source'] }[] {
    return [
      ...builtinAgendas(ctx.resourcesDir).map((agenda) => ({ agenda, source: 'builtin' as const })),
      ...loadAgendas(savedDir).map((agenda) => ({ agenda, source: 'saved' as const })),
    ];
  }

  function findAgenda(id: string): Agenda {
    const found = allAgendas().find((a) => a.agenda.id === id);
    if (!found) {
      const known = allAgendas().map((a) => `"${a.agenda.id}"`).join(', ');
      throw new ApiError('not_found', `No workshop agenda named "${id}". Choose one of: ${known}.`);
    }
    return found.agenda;
  }

  return {
    'workshop.get': ({ mapId }: { mapId: string }) => get(mapId),

    'workshop.start': ({ mapId, stepId }: { mapId: string; stepId: string }) => {
      const s = stateOf(mapId);
      const step = s.steps.find((x) => x.id === stepId);
      if (!step) throw new ApiError('not_found', `stepId: no step "${stepId}" in this map's agenda. It may have been deleted; open the Workshop panel again.`);
      const now = ctx.now();
      if (s.currentStepId === stepId && timer.isActive(s.timer)) {
        // Start on the current step: a paused step resumes, a running one carries on.
        write(mapId, stepId, timer.resume(s.timer, now));
        return get(mapId);
      }
      endCurrent(mapId, s, now);
      startStep(mapId, stateOf(mapId).steps.find((x) => x.id === stepId)!, now);
      return get(mapId);
    },

    'workshop.pause': ({ mapId }: { mapId: string }) => {
      const s = stateOf(mapId);
      requireCurrent(s, 'pause');
      const now = ctx.now();
      // The running stretch is banked on the step: paused time is not spent time.
      const stretch = timer.stretchSpentAt(s.timer, now);
      const current = s.steps.find((x) => x.id === s.currentStepId)!;
      if (stretch > 0) records.update('step', mapId, current.id, { spentMs: current.spentMs + stretch }, 'current step');
      write(mapId, s.currentStepId, timer.pause(s.timer, now));
      return get(mapId);
    },

    'workshop.resume': ({ mapId }: { mapId: string }) => {
      const s = stateOf(mapId);
      requireCurrent(s, 'resume');
      write(mapId, s.currentStepId, timer.resume(s.timer, ctx.now()));
      return get(mapId);
    },

    'workshop.extend': ({ mapId, seconds }: { mapId: string; seconds: number }) => {
      const s = stateOf(mapId);
      requireCurrent(s, 'extend');
      write(mapId, s.currentStepId, timer.extend(s.timer, seconds * 1000));
      return get(mapId);
    },

    'workshop.next': ({ mapId }: { mapId: string }) => {
      const s = stateOf(mapId);
      const now = ctx.now();
      // With no current step, Next starts the first step not yet run (nothing once all have run).
      const next = s.currentStepId !== null ? nextStepOf(s.steps, s.currentStepId) : (s.steps.find((x) => x.startedAt === null) ?? null);
      endCurrent(mapId, s, now);
      if (next) startStep(mapId, stateOf(mapId).steps.find((x) => x.id === next.id)!, now);
      return get(mapId);
    },

    'workshop.stop': ({ mapId }: { mapId: string }) => {
      const s = stateOf(mapId);
      endCurrent(mapId, s, ctx.now());
      return get(mapId);
    },

    'workshop.reveal': ({ mapId }: { mapId: string }) => {
      const s = stateOf(mapId);
      const down = s.map.notes.filter((n) => n.faceDown);
      for (const n of down) records.update('note', mapId, n.id, { faceDown: false }, `note "${n.id}"`);
      if (down.length > 0) ctx.repos.touchMap.run(ctx.now(), mapId);
      return { revealed: down.length };
    },

    'workshop.templates': (): WorkshopTemplate[] =>
      allAgendas().map(({ agenda, source }) => ({ ...summariseAgenda(agenda, source), steps: agenda.steps })),

    'workshop.applyTemplate': ({ mapId, templateId }: { mapId: string; templateId: string }) => {
      const agenda = findAgenda(templateId);
      const s = stateOf(mapId);
      if (s.currentStepId !== null) endCurrent(mapId, s, ctx.now());
      const changes: Change[] = replaceAgendaChanges(s.steps, stepValuesFor(agenda, s.map), ctx.newId);
      changes.forEach((c, i) => records.apply(mapId, c, `changes[${i}]`));
      ctx.repos.touchMap.run(ctx.now(), mapId);
      return get(mapId);
    },

    'workshop.saveTemplate': ({ mapId, name, description }: { mapId: string; name: string; description?: string }) => {
      const s = stateOf(mapId);
      if (s.steps.length === 0) throw new ApiError('invalid_input', 'This map has no agenda steps to save. Add a step first.');
      const id = agendaIdOf(name);
      if (!id) throw new ApiError('invalid_input', 'name: give the template a name with at least one letter or digit.');
      if (builtinAgendas(ctx.resourcesDir).some((a) => a.id === id)) {
        throw new ApiError('conflict', `name: "${name}" is the name of an agenda that ships with Journeyboard. Choose another name.`);
      }
      const agenda = agendaFromSteps(s.steps, s.map, { id, name, description: description ?? '' });
      writeFileAtomic(path.join(savedDir, `${id}.json`), `${JSON.stringify(agenda, null, 2)}\n`);
      return summariseAgenda(agenda, 'saved');
    },

    'workshop.deleteTemplate': ({ id }: { id: string }) => {
      const file = path.join(savedDir, `${agendaIdOf(id)}.json`);
      if (agendaIdOf(id) !== id || !fs.existsSync(file)) {
        throw new ApiError('not_found', `No saved workshop template "${id}". Only templates you saved can be deleted.`);
      }
      fs.rmSync(file);
      return { id };
    },
  };
}

