/**
 * The PowerPoint export: a deck a consultant can present and keep editing. An overview of the
 * journey, one slide per stage with its notes as editable sticky-note text boxes grouped by lane,
 * the top pain points and the opportunities. 16:9, built with pptxgenjs (Node and browsers); no I/O.
 *
 * Tables are written from column lists, so prioritisation columns (votes, impact/effort, phase)
 * can be added to the pain-point and opportunity slides later without touching the layout code.
 */
import type PptxGenJS from 'pptxgenjs';
import type { JourneyMap, Lane, Note, Persona, Stage } from '../domain';
import { emotionFace, mapStageEmotions, roomScoresOf, roomSummary, type StageEmotion } from '../journey/emotion';
import { orderedNotes } from './model';
import { ACCENT, CURVE, CURVE_BAND_EDGE, GRID_LINE, HEADER_FILL, hex6, INK, MUTED_INK, NOTE_EDGE, NOTE_FILL } from './palette';
import { addTitle, BODY_TOP, cell, FONT, H, listSlides, MARGIN, slideText, TOP_PAINS, W, type Slide } from './pptxKit';
import { prioritySlides } from './pptxPriorities';
import { reportOf, type PainRow } from './report';

/** Options for {@link mapToPptx}. */
export interface PptxOptions {
  /** Milliseconds since the epoch written as the deck's created and modified dates. Default: the map's `updatedAt`. */
  exportedAt?: number;
  /**
   * A picture of the whole map drawn like the board (PNG bytes and its size in pixels), for the
   * overview slide. Drawn by the caller (the renderer's export worker has a canvas; shared/ does not).
   * Without it the overview shows the emotion curve alone.
   */
  mapImage?: { png: Uint8Array; width: number; height: number };
}

/** A sticky note on a stage slide, and the space between notes. */
const NOTE_W = 1.75;
const NOTE_H = 1.05;
const NOTE_GAP = 0.12;
/** Lane labels sit in a column this wide on the left of a stage slide. */
const LANE_LABEL_W = 1.7;
/** Longest note text shown on a slide; the full text is in the spreadsheet and report exports. */
const NOTE_TEXT_MAX_ON_SLIDE = 280;

/** A font size that lets a note's text fit its box (PowerPoint does not shrink text until edited). */
function noteFontSize(text: string): number {
  const n = text.length;
  if (n <= 40) return 12;
  if (n <= 80) return 10.5;
  if (n <= 140) return 9;
  if (n <= 200) return 8;
  return 7;
}

function scoreLabel(e: StageEmotion): string {
  if (e.score === null) return 'No emotion yet';
  const face = emotionFace(e.score);
  const value = `${e.score > 0 ? '+' : ''}${(Math.round(e.score * 10) / 10).toFixed(1)}`;
  return `${face.label} (${value}${e.manual ? ', set' : ''})${e.room ? ` · room: ${roomSummary(e.room)}` : ''}`;
}

/**
 * A face for an emotion level (-2..+2) drawn with shapes, never an emoji (which LibreOffice and
 * fonts without it show as an empty box): a circle, two eyes, and an arc for the mouth, smiling,
 * frowning, or a flat line for neutral. `x`, `y` is the top-left corner, `d` the diameter.
 */
function addFace(slide: Slide, x: number, y: number, d: number, level: number, name: string): void {
  const ink = hex6(INK);
  slide.addShape('ellipse', { x, y, w: d, h: d, fill: { color: 'FFFFFF' }, line: { color: hex6(CURVE), width: Math.max(1, d * 10) }, objectName: `${slideText(name, 80)} face` });
  const eye = d * 0.13;
  for (const ex of [0.3, 0.7]) slide.addShape('ellipse', { x: x + d * ex - eye / 2, y: y + d * 0.32, w: eye, h: eye, fill: { color: ink }, line: { color: ink, width: 0.5 } });
  const mw = d * 0.5;
  const mx = x + (d - mw) / 2;
  const lw = Math.max(1, d * 7);
  if (level === 0) {
    slide.addShape('line', { x: mx, y: y + d * 0.68, w: mw, h: 0, line: { color: ink, width: lw } });
    return;
  }
  // An arc of an ellipse: its lower half for a smile, its upper half for a frown; stronger feelings bend more.
  const mh = d * (Math.abs(level) === 2 ? 0.34 : 0.2);
  const smile = level > 0;
  slide.addShape('arc', {
    x: mx,
    y: smile ? y + d * 0.72 - mh : y + d * 0.62,
    w: mw,
    h: mh * 2 > d * 0.6 ? d * 0.6 : mh * 2,
    angleRange: smile ? [20, 160] : [200, 340],
    line: { color: ink, width: lw },
  });
}


const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0]!.toUpperCase())
    .join('');

/** The persona's photo as pptxgenjs takes it ("image/png;base64,..."), or null to draw initials. */
function personaPhoto(p: Persona): string | null {
  const m = /^data:(image\/(?:png|jpeg|gif));base64,([A-Za-z0-9+/=]+)$/.exec(p.photo ?? '');
  return m ? `${m[1]};base64,${m[2]}` : null;
}

/** The opening slide: the map's title and who the journey is for. */
function titleSlide(pptx: PptxGenJS, map: JourneyMap, stages: Stage[], notes: Note[], when: Date): void {
  const slide = pptx.addSlide();
  slide.background = { color: 'FFFFFF' };
  slide.addShape('rect', { x: 0, y: 0, w: 0.25, h: H, fill: { color: hex6(ACCENT) }, line: { color: hex6(ACCENT), width: 0 } });
  slide.addText('Customer journey map', { x: 0.9, y: 0.9, w: 8, h: 0.4, fontFace: FONT, fontSize: 14, color: hex6(ACCENT), bold: true, margin: 0 });
  slide.addText(slideText(map.title, 120), { x: 0.9, y: 1.35, w: W - 1.8, h: 1.3, fontFace: FONT, fontSize: 40, bold: true, color: hex6(INK), valign: 'top', margin: 0, fit: 'shrink' });
  const facts = `${stages.length} ${stages.length === 1 ? 'stage' : 'stages'} · ${notes.length} ${notes.length === 1 ? 'note' : 'notes'} · ${when.toISOString().slice(0, 10)}`;
  slide.addText(facts, { x: 0.9, y: 2.7, w: 8, h: 0.4, fontFace: FONT, fontSize: 14, color: hex6(MUTED_INK), margin: 0 });

  const persona = map.personas.find((p) => p.id === map.personaId);
  if (!persona) return;
  const top = 3.6;
  slide.addShape('roundRect', { x: 0.9, y: top, w: W - 1.8, h: 2.5, fill: { color: hex6(HEADER_FILL) }, line: { color: hex6(GRID_LINE), width: 0.75 }, rectRadius: 0.12 });
  const photo = personaPhoto(persona);
  if (photo) slide.addImage({ data: photo, x: 1.2, y: top + 0.3, w: 1.3, h: 1.3, rounding: true, altText: persona.name });
  else {
    slide.addText(initialsOf(persona.name), {
      shape: 'ellipse',
      x: 1.2,
      y: top + 0.3,
      w: 1.3,
      h: 1.3,
      fill: { color: hex6(NOTE_FILL[persona.color]) },
      line: { color: hex6(NOTE_EDGE[persona.color]), width: 1 },
      align: 'center',
      valign: 'middle',
      fontFace: FONT,
      fontSize: 26,
      bold: true,
      color: hex6(INK),
      margin: 0,
    });
  }
  slide.addText(
    [
      { text: 'Persona', options: { fontSize: 11, color: hex6(MUTED_INK), bold: true, breakLine: true } },
      { text: slideText(persona.name, 80), options: { fontSize: 24, bold: true, color: hex6(INK), breakLine: true } },
      ...(persona.role ? [{ text: slideText(persona.role, 120), options: { fontSize: 14, color: hex6(MUTED_INK), breakLine: true } }] : []),
      ...(persona.quote ? [{ text: `“${slideText(persona.quote, 240)}”`, options: { fontSize: 14, italic: true, color: hex6(INK) } }] : []),
    ],
    { x: 2.8, y: top + 0.25, w: 4.4, h: 2.0, fontFace: FONT, valign: 'top', margin: 0, paraSpaceAfter: 4 },
  );
  const lists = (
    [
      ['Goals', persona.goals],
      ['Needs', persona.needs],
      ['Frustrations', persona.frustrations],
    ] as const
  ).filter(([, v]) => v.trim());
  const listW = (W - 1.8 - 6.6) / Math.max(1, lists.length);
  lists.forEach(([title, value], i) => {
    const items = value
      .split(/\n+/)
      .map((l) => slideText(l.replace(/^\s*[-*•]\s*/, ''), 120))
      .filter(Boolean)
      .slice(0, 5);
    slide.addText(
      [
        { text: title, options: { bold: true, fontSize: 12, color: hex6(INK), breakLine: true } },
        ...items.map((t) => ({ text: t, options: { fontSize: 11, color: hex6(INK), bullet: true, breakLine: true } })),
      ],
      { x: 7.4 + i * listW, y: top + 0.25, w: listW - 0.15, h: 2.0, fontFace: FONT, valign: 'top', margin: 0, paraSpaceAfter: 3 },
    );
  });
}

/** The emotion curve as a native line chart (editable in PowerPoint: right-click, Edit Data). */
function addEmotionChart(slide: Slide, stages: Stage[], emotions: StageEmotion[], box: { x: number; y: number; w: number; h: number }): void {
  const scored = emotions.some((e) => e.score !== null);
  if (!scored) {
    slide.addText('No emotion yet: set a score per stage in the Emotions lane, or tag notes with a sentiment.', {
      ...box,
      fontFace: FONT,
      fontSize: 12,
      italic: true,
      color: hex6(MUTED_INK),
      align: 'center',
      valign: 'middle',
    });
    return;
  }
  const labels = stages.map((s, i) => `${i + 1}. ${slideText(s.name, 30)}`);
  const curve: PptxGenJS.OptsChartData = {
    name: 'Emotion',
    labels,
    // A stage with no score yet sits at neutral (0); its label says so on the stage slide.
    values: emotions.map((e) => (e.score === null ? 0 : Math.round(e.score * 10) / 10)),
  };
  const curveStyle: PptxGenJS.IChartOpts = { chartColors: [hex6(CURVE)], lineSize: 3, lineDataSymbol: 'circle', lineDataSymbolSize: 9 };
  // The room's spread (issue 14) as two more series, dashed and light: the band's upper and lower
  // score per stage, blank where the room did not score it (a gap in those lines, editable like the curve).
  const room = emotions.some((e) => e.room);
  const edge = (pick: 'high' | 'low') => emotions.map((e) => (e.room ? Math.round(e.room[pick] * 10) / 10 : null)) as number[];
  const bandStyle: PptxGenJS.IChartOpts = {
    // pptxgenjs colours a series' markers by its index across the whole chart: one colour per series.
    chartColors: [hex6(CURVE_BAND_EDGE), hex6(CURVE_BAND_EDGE), hex6(CURVE_BAND_EDGE)],
    lineSize: 1.5,
    lineDash: 'dash',
    lineDataSymbol: 'dash',
    lineDataSymbolSize: 7,
  };
  const types: PptxGenJS.IChartMulti[] = [
    { type: 'line' as PptxGenJS.CHART_NAME, data: [curve], options: curveStyle },
    {
      type: 'line' as PptxGenJS.CHART_NAME,
      data: [
        { name: 'Room: top of spread', labels, values: edge('high') },
        { name: 'Room: bottom of spread', labels, values: edge('low') },
      ],
      options: bandStyle,
    },
  ];
  const options: PptxGenJS.IChartOpts = {
    ...box,
    ...curveStyle,
    displayBlanksAs: 'gap',
    valAxisMinVal: -2,
    valAxisMaxVal: 2,
    valAxisMajorUnit: 1,
    valAxisLabelFontSize: 10,
    valAxisLabelFontFace: FONT,
    catAxisLabelFontSize: stages.length > 8 ? 9 : 11,
    catAxisLabelFontFace: FONT,
    catAxisLabelPos: 'low',
    valGridLine: { color: hex6(GRID_LINE), size: 0.75 },
    catGridLine: { style: 'none' },
    showValAxisTitle: true,
    valAxisTitle: 'Emotion (−2 to +2)',
    valAxisTitleFontSize: 10,
    // With the room's lines a legend says which is which.
    showLegend: room,
    legendPos: 'r',
    legendFontSize: 10,
    legendFontFace: FONT,
    showTitle: false,
  };
  // A chart of several line groups takes its options in place of the data (pptxgenjs' multi-type form).
  if (room) slide.addChart(types, options as unknown as never[]);
  else slide.addChart('line', [curve], options);
}

/** Fits a w × h picture into a box, centred, keeping its shape. */
function fitInto(width: number, height: number, box: { x: number; y: number; w: number; h: number }) {
  const k = Math.min(box.w / width, box.h / height);
  const w = width * k;
  const h = height * k;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

/** The overview: a picture of the whole map as the board draws it, and the emotion curve as a chart. */
function overviewSlide(pptx: PptxGenJS, map: JourneyMap, stages: Stage[], emotions: StageEmotion[], image: PptxOptions['mapImage']): void {
  const slide = pptx.addSlide();
  const persona = map.personas.find((p) => p.id === map.personaId);
  addTitle(slide, 'The journey at a glance', persona ? `${slideText(map.title, 80)} · for ${persona.name}${persona.role ? `, ${persona.role}` : ''}` : slideText(map.title, 120));
  const chartH = stages.length > 0 ? 2.0 : 0;
  const pictureBox = { x: MARGIN, y: BODY_TOP + 0.15, w: W - 2 * MARGIN, h: H - BODY_TOP - 0.6 - chartH };
  if (image && image.width > 0 && image.height > 0) {
    slide.addImage({ data: `image/png;base64,${base64(image.png)}`, ...fitInto(image.width, image.height, pictureBox), altText: `The whole map “${slideText(map.title, 120)}” as on the board` });
  } else {
    slide.addText(stages.length === 0 ? 'This map has no stages yet.' : 'The stage slides that follow show every note.', { ...pictureBox, fontFace: FONT, fontSize: 16, color: hex6(MUTED_INK), align: 'center', valign: 'middle' });
  }
  if (stages.length > 0) addEmotionChart(slide, stages, emotions, { x: MARGIN, y: H - 0.25 - chartH, w: W - 2 * MARGIN, h: chartH });
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Base64 of bytes (shared/ has neither Buffer nor btoa). */
export function base64(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out.push(B64[n >> 18]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!));
  }
  return out.join('');
}

/** A stages-by-lanes table of note counts with each stage's feeling. */
function countsSlide(pptx: PptxGenJS, stages: Stage[], lanes: Lane[], emotions: StageEmotion[], notes: Note[]): void {
  if (stages.length === 0) return;
  const slide = pptx.addSlide();
  addTitle(slide, 'Notes per stage and lane', `${notes.length} notes in ${stages.length} stages`);
  const counts = new Map<string, number>();
  for (const n of notes) if (n.stageId && n.laneId) counts.set(`${n.stageId}\u0000${n.laneId}`, (counts.get(`${n.stageId}\u0000${n.laneId}`) ?? 0) + 1);
  const fontSize = stages.length > 10 ? 9 : stages.length > 6 ? 11 : 13;
  const border: PptxGenJS.BorderProps = { type: 'solid', pt: 0.75, color: hex6(GRID_LINE) };
  const head = { bold: true, fill: { color: hex6(HEADER_FILL) }, color: hex6(INK), border };
  const rows: PptxGenJS.TableRow[] = [
    [cell('', head), ...stages.map((s, i) => cell(`${i + 1}. ${slideText(s.name, 60)}`, { ...head, align: 'center' }))],
    ...lanes.map((l) => [
      cell(slideText(l.name, 60), head),
      ...stages.map((s) => {
        const c = counts.get(`${s.id}\u0000${l.id}`) ?? 0;
        return cell(c ? String(c) : '–', { align: 'center', color: hex6(c ? INK : MUTED_INK), border });
      }),
    ]),
    [
      cell('Emotion', head),
      ...emotions.map((e) =>
        cell(e.score === null ? '–' : emotionFace(e.score).label, { align: 'center', color: hex6(INK), border }),
      ),
    ],
  ];
  const labelW = 1.9;
  slide.addTable(rows, {
    x: MARGIN,
    y: BODY_TOP + 0.25,
    w: W - 2 * MARGIN,
    colW: [labelW, ...stages.map(() => (W - 2 * MARGIN - labelW) / stages.length)],
    fontFace: FONT,
    fontSize,
    valign: 'middle',
    margin: [4, 6, 4, 6],
  });
  slide.addText(`${notes.length} notes · ${stages.length} stages · numbers are notes per stage and lane`, {
    x: MARGIN,
    y: H - 0.55,
    w: W - 2 * MARGIN,
    h: 0.3,
    fontFace: FONT,
    fontSize: 10,
    color: hex6(MUTED_INK),
    margin: 0,
  });
}

/**
 * One stage: lanes as bands (label on the left), notes flowing left to right as sticky-note text
 * boxes. A stage with more notes than one slide holds continues on the next slide.
 */
function stageSlides(pptx: PptxGenJS, stage: Stage, index: number, emotion: StageEmotion, lanes: Lane[], notesByLane: Map<string, Note[]>): void {
  const perRow = Math.max(1, Math.floor((W - 2 * MARGIN - LANE_LABEL_W + NOTE_GAP) / (NOTE_W + NOTE_GAP)));
  const bottom = H - 0.35;
  const title = `${index + 1}. ${stage.name}`;
  const subtitle = [stage.description, scoreLabel(emotion)].filter(Boolean).join('  ·  ');
  const face = () => {
    if (emotion.score !== null) addFace(slide, W - MARGIN - 0.6, 0.3, 0.6, emotionFace(emotion.score).level, title);
  };
  // The customer's goal and expectations here (method step 6), in a band under the title.
  const aims = ([['Goal', stage.goal], ['Expectations', stage.expectations]] as const).filter(([, v]) => v.trim());
  const aimsH = aims.length ? 0.62 : 0;
  const top = () => {
    const aimW = (W - 2 * MARGIN - 0.15 * (aims.length - 1)) / Math.max(1, aims.length);
    aims.forEach(([label, value], i) => {
      slide.addText(
        [
          { text: `${label}: `, options: { bold: true } },
          { text: slideText(value, 220) },
        ],
        { x: MARGIN + i * (aimW + 0.15), y: BODY_TOP + 0.1, w: aimW, h: aimsH - 0.08, fontFace: FONT, fontSize: 11, color: hex6(INK), fill: { color: 'F7F9FC' }, line: { color: hex6(GRID_LINE), width: 0.5 }, valign: 'middle', margin: 5, fit: 'shrink', objectName: `Stage ${label.toLowerCase()}` },
      );
    });
    return BODY_TOP + 0.15 + aimsH;
  };
  let slide = pptx.addSlide();
  let part = 1;
  addTitle(slide, title, subtitle);
  face();
  let y = top();
  const newSlide = () => {
    part += 1;
    slide = pptx.addSlide();
    addTitle(slide, `${title} (continued, ${part})`, subtitle);
    face();
    y = top();
  };
  const laneLabel = (lane: Lane, h: number, continued: boolean) => {
    slide.addText(`${slideText(lane.name, 40)}${continued ? ' (cont.)' : ''}`, {
      x: MARGIN,
      y,
      w: LANE_LABEL_W - 0.15,
      h,
      fontFace: FONT,
      fontSize: 12,
      bold: true,
      color: hex6(INK),
      fill: { color: hex6(HEADER_FILL) },
      valign: 'top',
      margin: 6,
    });
  };
  for (const lane of lanes) {
    const notes = notesByLane.get(lane.id) ?? [];
    if (notes.length === 0) {
      const h = 0.4;
      if (y + h > bottom) newSlide();
      laneLabel(lane, h, false);
      slide.addText('No notes', { x: MARGIN + LANE_LABEL_W, y, w: 3, h, fontFace: FONT, fontSize: 11, italic: true, color: hex6(MUTED_INK), valign: 'middle', margin: 0 });
      y += h + NOTE_GAP;
      continue;
    }
    let k = 0;
    let continued = false;
    while (k < notes.length) {
      const fitRows = Math.floor((bottom - y + NOTE_GAP) / (NOTE_H + NOTE_GAP));
      if (fitRows < 1) {
        newSlide();
        continue;
      }
      const rows = Math.min(fitRows, Math.ceil((notes.length - k) / perRow));
      const h = rows * (NOTE_H + NOTE_GAP) - NOTE_GAP;
      laneLabel(lane, h, continued);
      for (let i = 0; i < rows * perRow && k < notes.length; i++, k++) {
        const n = notes[k]!;
        const text = slideText(n.text, NOTE_TEXT_MAX_ON_SLIDE);
        slide.addText(text, {
          x: MARGIN + LANE_LABEL_W + (i % perRow) * (NOTE_W + NOTE_GAP),
          y: y + Math.floor(i / perRow) * (NOTE_H + NOTE_GAP),
          w: NOTE_W,
          h: NOTE_H,
          fontFace: FONT,
          fontSize: noteFontSize(text),
          color: hex6(INK),
          fill: { color: hex6(NOTE_FILL[n.color]) },
          line: { color: hex6(NOTE_EDGE[n.color]), width: 0.75 },
          valign: 'top',
          margin: 5,
          objectName: `Note ${n.id}`,
        });
      }
      y += h + NOTE_GAP * 2;
      continued = true;
      if (k < notes.length) newSlide();
    }
  }
}


/**
 * The map as a PowerPoint deck (.pptx bytes), 16:9:
 *
 * 1. **Title**: the map's title, its size and date, and the persona card (photo or initials, role,
 *    quote, goals, needs, frustrations) when the map has one.
 * 2. **Overview**: `options.mapImage` (the whole map drawn like the board) and the emotion curve
 *    as a native line chart, editable in PowerPoint.
 * 3. **Notes per stage and lane**: a table of note counts with each stage's feeling.
 * 4. **One slide per stage** (more if its notes do not fit): the stage's description and emotion,
 *    its notes as editable text boxes in their sticky-note colours, grouped in labelled lane bands.
 * 4. **One slide per stage** also shows the stage's goal and expectations when set.
 * 5. **Top pain points**: the ten that hurt most (votes × severity when the map has either, else the
 *    most negative) with their stage, votes, severity and sentiment.
 * 6. **Opportunities**: every opportunity with its stage, ten per slide.
 * 7. Then, each only when the map has something for it (pptxPriorities.ts): the impact/effort
 *    **matrix**, the **roadmap**, **metrics** (a native table and native charts), and the
 *    **workshop** minutes.
 *
 * Notes not yet placed in the frame are left out (they are in the spreadsheet and report).
 * Document dates are `exportedAt` (or the map's `updatedAt`), so the same map gives the same file.
 */
export async function mapToPptx(map: JourneyMap, options: PptxOptions = {}): Promise<Uint8Array> {
  // Loaded on first use: importing the export barrel stays cheap for a renderer that only writes CSV.
  const { default: Pptx } = await import('pptxgenjs');
  const pptx = new Pptx();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = slideText(map.title);
  pptx.author = 'Journeyboard';
  pptx.company = '';
  pptx.subject = 'Customer journey map';
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };

  const stages = [...map.stages].sort((a, b) => a.position - b.position);
  const lanes = [...map.lanes].sort((a, b) => a.position - b.position);
  const notes = orderedNotes(map);
  const emotions = mapStageEmotions(stages, map.notes, roomScoresOf(map));

  const when = new Date(options.exportedAt ?? map.updatedAt);
  titleSlide(pptx, map, stages, notes, when);
  overviewSlide(pptx, map, stages, emotions, options.mapImage);
  countsSlide(pptx, stages, lanes, emotions, notes);

  const byCell = new Map<string, Map<string, Note[]>>(stages.map((s) => [s.id, new Map()]));
  for (const n of notes) {
    if (!n.stageId || !n.laneId) continue;
    const stage = byCell.get(n.stageId);
    if (!stage) continue;
    const list = stage.get(n.laneId);
    if (list) list.push(n);
    else stage.set(n.laneId, [n]);
  }
  stages.forEach((s, i) => stageSlides(pptx, s, i, emotions[i]!, lanes, byCell.get(s.id)!));

  const stageName = new Map(stages.map((s) => [s.id, s.name]));
  const stageOf = (n: Note) => slideText(n.stageId ? (stageName.get(n.stageId) ?? '') : '', 60);
  const report = reportOf(map, when.getTime());
  const pains = report.pains;
  const painVotes = report.votesFrom.pain_point;
  const hasSeverity = pains.some((p) => p.severity !== null);
  listSlides<PainRow>(
    pptx,
    'Top pain points',
    report.painsRanked
      ? `${pains.length > TOP_PAINS ? `The ${TOP_PAINS} of ${pains.length} that` : 'Those that'} hurt most: votes × severity${painVotes ? ` (votes from “${slideText(painVotes.title, 60)}”)` : ''}`
      : pains.length > TOP_PAINS
        ? `The ${TOP_PAINS} most negative of ${pains.length}`
        : 'Most negative first',
    [
      { title: '#', width: 0.5, align: 'center', value: (_p, rank) => String(rank) },
      { title: 'Pain point', width: 7, value: (p) => slideText(p.note.text, 300) },
      { title: 'Stage', width: 2.2, value: (p) => stageOf(p.note) },
      ...(painVotes ? [{ title: 'Votes', width: 1, align: 'center' as const, value: (p: PainRow) => String(p.votes ?? 0) }] : []),
      ...(hasSeverity ? [{ title: 'Severity', width: 1.1, align: 'center' as const, value: (p: PainRow) => (p.severity === null ? '–' : `${p.severity} / 5`) }] : []),
      { title: 'Sentiment', width: 1.3, align: 'center', value: (p) => (p.note.sentiment === null ? '–' : `${p.note.sentiment > 0 ? '+' : ''}${p.note.sentiment}`) },
    ],
    pains.slice(0, TOP_PAINS),
    'No pain points recorded.',
  );
  const opportunities = notes.filter((n) => n.kind === 'opportunity');
  listSlides(
    pptx,
    'Opportunities',
    `${opportunities.length} in the journey, by stage`,
    [
      { title: 'Opportunity', width: 8, value: (n) => slideText(n.text, 300) },
      { title: 'Stage', width: 2.5, value: stageOf },
    ],
    opportunities,
    'No opportunities recorded.',
  );
  prioritySlides(pptx, report);

  const raw = (await pptx.write({ outputType: 'uint8array', compression: true })) as Uint8Array;
  return fixDates(raw, when);
}

/**
 * pptxgenjs stamps the document and every zip entry with the current time; write the export date
 * instead so that the same map always gives the same bytes.
 */
async function fixDates(bytes: Uint8Array, when: Date): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const core = zip.file('docProps/core.xml');
  if (core) {
    const iso = when.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const xml = (await core.async('string')).replace(
      /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
      (_m, open: string, _tag: string, close: string) => `${open}${iso}${close}`,
    );
    zip.file('docProps/core.xml', xml);
  }
  // pptxgenjs numbers charts and their workbooks across every deck made in this process: number them
  // from 1 in each deck, so the second export of a map matches the first.
  const renames = new Map<string, string>();
  for (const [pattern, make] of [
    [/^ppt\/charts\/chart(\d+)\.xml$/, (n: number) => `chart${n}.xml`],
    [/^ppt\/embeddings\/Microsoft_Excel_Worksheet(\d+)\.xlsx$/, (n: number) => `Microsoft_Excel_Worksheet${n}.xlsx`],
  ] as const) {
    Object.keys(zip.files)
      .map((name) => Number(pattern.exec(name)?.[1] ?? NaN))
      .filter((n) => !Number.isNaN(n))
      .sort((a, b) => a - b)
      .forEach((n, i) => renames.set(make(n), make(i + 1)));
  }
  if ([...renames].some(([from, to]) => from !== to)) {
    const rename = (text: string) => text.replace(/chart\d+\.xml|Microsoft_Excel_Worksheet\d+\.xlsx/g, (m) => renames.get(m) ?? m);
    const entries = await Promise.all(
      Object.values(zip.files)
        .filter((f) => !f.dir)
        .map(async (f) => [f.name, /\.(xml|rels)$/.test(f.name) ? rename(await f.async('string')) : await f.async('uint8array')] as const),
    );
    for (const [name] of entries) zip.remove(name);
    for (const [name, data] of entries) zip.file(rename(name), data);
  }
  // The chart's data is a workbook inside the deck, with its own stamps.
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/embeddings\/.+\.xlsx$/.test(n))) {
    zip.file(name, await fixDates(await zip.file(name)!.async('uint8array'), when));
  }
  zip.forEach((_path, file) => {
    file.date = when;
  });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
