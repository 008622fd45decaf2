/**
 * The PowerPoint export: a deck a consultant can present and keep editing. An overview of the
 * journey, one slide per stage with its notes as editable sticky-note text boxes grouped by lane,
 * the top pain points and the opportunities. 16:9, built with pptxgenjs (Node and browsers); no I/O.
 *
 * Tables are written from column lists, so prioritisation columns (votes, impact/effort, phase)
 * can be added to the pain-point and opportunity slides later without touching the layout code.
 */
import type PptxGenJS from 'pptxgenjs';
import type { JourneyMap, Lane, Note, Stage } from '../domain';
import { emotionFace, mapStageEmotions, type StageEmotion } from '../journey/emotion';
import { orderedNotes } from './model';
import { ACCENT, GRID_LINE, HEADER_FILL, hex6, INK, MUTED_INK, NOTE_EDGE, NOTE_FILL } from './palette';

/** Options for {@link mapToPptx}. */
export interface PptxOptions {
  /** Milliseconds since the epoch written as the deck's created and modified dates. Default: the map's `updatedAt`. */
  exportedAt?: number;
}

type Slide = PptxGenJS.Slide;

/** The slide, in inches (PowerPoint's 16:9 "Widescreen"). */
const W = 13.333;
const H = 7.5;
const MARGIN = 0.5;
const FONT = 'Calibri';
/** Pain points on the "Top pain points" slide. */
const TOP_PAINS = 10;
/** Rows per opportunities slide before it continues on the next. */
const ROWS_PER_LIST_SLIDE = 10;
/** A sticky note on a stage slide, and the space between notes. */
const NOTE_W = 1.75;
const NOTE_H = 1.05;
const NOTE_GAP = 0.12;
/** Lane labels sit in a column this wide on the left of a stage slide. */
const LANE_LABEL_W = 1.7;
/** Where a stage slide's lanes start, below its title. */
const BODY_TOP = 1.35;
/** Longest note text shown on a slide; the full text is in the spreadsheet and report exports. */
const NOTE_TEXT_MAX_ON_SLIDE = 280;

/** Characters XML 1.0 cannot hold (they would make the file unreadable): dropped. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as a slide holds it: XML-safe, trimmed, optionally shortened with an ellipsis. */
function slideText(text: string, max = Number.POSITIVE_INFINITY): string {
  const t = text.replace(XML_INVALID, '').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

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
  return `${face.emoji} ${face.label} (${value}${e.manual ? ', set' : ''})`;
}

function addTitle(slide: Slide, title: string, subtitle?: string): void {
  slide.addText(slideText(title, 120), {
    x: MARGIN,
    y: 0.3,
    w: W - 2 * MARGIN,
    h: 0.6,
    fontFace: FONT,
    fontSize: 26,
    bold: true,
    color: hex6(INK),
    valign: 'middle',
    margin: 0,
  });
  if (subtitle) {
    slide.addText(slideText(subtitle, 240), {
      x: MARGIN,
      y: 0.88,
      w: W - 2 * MARGIN,
      h: 0.36,
      fontFace: FONT,
      fontSize: 13,
      color: hex6(MUTED_INK),
      valign: 'middle',
      margin: 0,
    });
  }
  slide.addShape('line', { x: MARGIN, y: 1.26, w: W - 2 * MARGIN, h: 0, line: { color: hex6(ACCENT), width: 1.5 } });
}

const cell = (text: string, options: PptxGenJS.TableCellProps = {}): PptxGenJS.TableCell => ({ text, options });

/** The overview: title, persona, and a stages-by-lanes table of note counts with each stage's emotion. */
function overviewSlide(pptx: PptxGenJS, map: JourneyMap, stages: Stage[], lanes: Lane[], emotions: StageEmotion[], notes: Note[]): void {
  const slide = pptx.addSlide();
  const persona = map.personas.find((p) => p.id === map.personaId);
  const who = persona ? `Persona: ${persona.name}${persona.role ? ` — ${persona.role}` : ''}` : undefined;
  addTitle(slide, map.title, who);
  if (stages.length === 0) {
    slide.addText('This map has no stages yet.', { x: MARGIN, y: BODY_TOP + 0.3, w: W - 2 * MARGIN, h: 0.5, fontFace: FONT, fontSize: 16, color: hex6(MUTED_INK) });
    return;
  }
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
        cell(e.score === null ? '–' : `${emotionFace(e.score).emoji}\n${emotionFace(e.score).label}`, { align: 'center', color: hex6(INK), border }),
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
  let slide = pptx.addSlide();
  let part = 1;
  addTitle(slide, title, subtitle);
  let y = BODY_TOP + 0.15;
  const newSlide = () => {
    part += 1;
    slide = pptx.addSlide();
    addTitle(slide, `${title} (continued, ${part})`, subtitle);
    y = BODY_TOP + 0.15;
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

/** A column of a list slide. Add votes, impact/effort or phase here when they exist. */
interface ListColumn {
  title: string;
  width: number;
  value: (n: Note, rank: number) => string;
  align?: PptxGenJS.HAlign;
}

/** A titled table of notes, continued over as many slides as it needs (at least one). */
function listSlides(pptx: PptxGenJS, title: string, subtitle: string, columns: ListColumn[], notes: Note[], empty: string): void {
  const border: PptxGenJS.BorderProps = { type: 'solid', pt: 0.75, color: hex6(GRID_LINE) };
  const pages = Math.max(1, Math.ceil(notes.length / ROWS_PER_LIST_SLIDE));
  const total = columns.reduce((s, c) => s + c.width, 0);
  for (let p = 0; p < pages; p++) {
    const slide = pptx.addSlide();
    addTitle(slide, pages > 1 ? `${title} (${p + 1} of ${pages})` : title, subtitle);
    const chunk = notes.slice(p * ROWS_PER_LIST_SLIDE, (p + 1) * ROWS_PER_LIST_SLIDE);
    if (chunk.length === 0) {
      slide.addText(empty, { x: MARGIN, y: BODY_TOP + 0.3, w: W - 2 * MARGIN, h: 0.5, fontFace: FONT, fontSize: 16, color: hex6(MUTED_INK), margin: 0 });
      continue;
    }
    const head = { bold: true, fill: { color: hex6(HEADER_FILL) }, color: hex6(INK), border };
    const rows: PptxGenJS.TableRow[] = [
      columns.map((c) => cell(c.title, { ...head, align: c.align ?? 'left' })),
      ...chunk.map((n, i) =>
        columns.map((c) => cell(c.value(n, p * ROWS_PER_LIST_SLIDE + i + 1), { align: c.align ?? 'left', border, color: hex6(INK) })),
      ),
    ];
    slide.addTable(rows, {
      x: MARGIN,
      y: BODY_TOP + 0.25,
      w: W - 2 * MARGIN,
      colW: columns.map((c) => (c.width / total) * (W - 2 * MARGIN)),
      fontFace: FONT,
      fontSize: 12,
      valign: 'middle',
      margin: [4, 6, 4, 6],
    });
  }
}

/**
 * The map as a PowerPoint deck (.pptx bytes), 16:9:
 *
 * 1. **Overview**: title, persona, a table of stages (columns) by lanes (rows) with the number of
 *    notes in each cell, and each stage's emotion face.
 * 2. **One slide per stage** (more if its notes do not fit): the stage's description and emotion,
 *    its notes as editable text boxes in their sticky-note colours, grouped in labelled lane bands.
 * 3. **Top pain points**: the ten most negative pain points with their stage.
 * 4. **Opportunities**: every opportunity with its stage, ten per slide.
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
  const emotions = mapStageEmotions(stages, map.notes);

  overviewSlide(pptx, map, stages, lanes, emotions, notes);

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
  // Stable sort: equally negative pain points keep reading order. No sentiment counts as neutral.
  const pains = notes.filter((n) => n.kind === 'pain_point').sort((a, b) => (a.sentiment ?? 0) - (b.sentiment ?? 0));
  listSlides(
    pptx,
    'Top pain points',
    pains.length > TOP_PAINS ? `The ${TOP_PAINS} most negative of ${pains.length}` : 'Most negative first',
    [
      { title: '#', width: 0.5, align: 'center', value: (_n, rank) => String(rank) },
      { title: 'Pain point', width: 7, value: (n) => slideText(n.text, 300) },
      { title: 'Stage', width: 2.2, value: stageOf },
      { title: 'Sentiment', width: 1.3, align: 'center', value: (n) => (n.sentiment === null ? '–' : `${n.sentiment > 0 ? '+' : ''}${n.sentiment}`) },
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

  const raw = (await pptx.write({ outputType: 'uint8array', compression: true })) as Uint8Array;
  return fixDates(raw, new Date(options.exportedAt ?? map.updatedAt));
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
  zip.forEach((_path, file) => {
    file.date = when;
  });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
