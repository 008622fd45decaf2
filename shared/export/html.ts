/**
 * The HTML export: one self-contained file that shows the map as the board does (the frame with
 * stage and lane headers, notes as sticky cards in their cells, notes not yet placed beside it,
 * the emotion curve) and can be panned and zoomed in any browser with no network.
 *
 * Nothing is fetched: no fonts, no CDNs, no images by URL; the CSS and a small script are inline
 * and a strict Content-Security-Policy (the script allowed by its hash) forbids everything else. Every piece of text is
 * HTML-escaped, and no map data goes into the script.
 */
import type { JourneyMap, Note, Persona, Stage } from '../domain';
import { emotionCurve, emotionFace, mapStageEmotions, roomScoresOf, roomSummary, type StageEmotion } from '../journey/emotion';
import { FRAME_ORIGIN, layoutFrame, type Rect } from '../journey/frame';
import { reportPanel, REPORT_CSS } from './htmlReport';
import { orderedNotes } from './model';
import { reportOf } from './report';
import { ACCENT, CURVE, CURVE_BAND, CURVE_BAND_EDGE, CURVE_BAND_OPACITY, GRID_LINE, HEADER_FILL, INK, MUTED_INK, NOTE_EDGE, NOTE_FILL, PAPER } from './palette';

/** Options for {@link mapToHtml}. */
export interface HtmlOptions {
  /** Milliseconds since the epoch shown as the export date. Default: the map's `updatedAt`. */
  exportedAt?: number;
}

/**
 * The SHA-256 of the page's one script (SCRIPT below), as CSP writes it. The script is a fixed
 * string, so its hash is a constant: test/unit/export/html.test.ts recomputes it with Node's crypto
 * and fails, printing the new value, if the script changes without it (shared/ cannot use Node's
 * crypto, and WebCrypto's digest is asynchronous).
 */
export const HTML_EXPORT_SCRIPT_HASH = 'sha256-1pOY0EG3J25stwIdd2CE1X9Z7i1r9c+O7u9Xzy4X+04=';

/**
 * The page's Content-Security-Policy: nothing may load from anywhere, and the only script that
 * may run is ours, by its hash (a script someone slipped into the page would not match it).
 */
export const HTML_EXPORT_CSP =
  `default-src 'none'; style-src 'unsafe-inline'; script-src '${HTML_EXPORT_SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML elements and quoted attributes. Characters HTML forbids are dropped. */
export function htmlText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A number for CSS or SVG: short and never in exponent notation. */
const px = (v: number) => String(Math.round(v * 10) / 10);

/** A font size that lets a note's text fill its card without spilling (the card also clips). */
function noteFontSize(text: string, width: number, height: number): number {
  const area = Math.max(1, (width - 16) * (height - 16));
  const size = Math.sqrt(area / (0.75 * Math.max(1, text.length)));
  return Math.round(Math.min(18, Math.max(8, size)) * 2) / 2;
}

/** Only the image formats the JSON schema allows, as base64 data: URLs (the CSP allows data: images). */
const PHOTO = /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/;

function personaBadge(p: Persona): string {
  const initials = p.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  const face =
    p.photo && PHOTO.test(p.photo)
      ? `<img class="av" alt="" src="${htmlText(p.photo)}">`
      : `<span class="av" style="background:${NOTE_FILL[p.color]}">${htmlText(initials)}</span>`;
  return `<div class="persona" title="${htmlText([p.name, p.role, p.quote].filter(Boolean).join(' — '))}">${face}<span><b>${htmlText(p.name)}</b>${p.role ? ` · ${htmlText(p.role)}` : ''}</span></div>`;
}

function card(n: Note, x: number, y: number, width: number, height: number): string {
  const text = n.text.trim();
  const size = noteFontSize(text, width, height);
  const tip = n.author ? `${text}\n— ${n.author}` : text;
  return `<div class="n" style="left:${px(x)}px;top:${px(y)}px;width:${px(width)}px;height:${px(height)}px;background:${NOTE_FILL[n.color]};border-color:${NOTE_EDGE[n.color]};font-size:${px(size)}px" title="${htmlText(tip)}">${htmlText(text)}</div>`;
}

function box(cls: string, r: Rect, inner = ''): string {
  return `<div class="${cls}" style="left:${px(r.x)}px;top:${px(r.y)}px;width:${px(r.width)}px;height:${px(r.height)}px">${inner}</div>`;
}

/**
 * A face for an emotion level (-2..+2) as SVG shapes centred on (0, 0) with radius `r`: a circle,
 * two eyes and a mouth bent up or down. Drawn, not an emoji: a stock Debian machine has no glyph
 * for some emoji faces and shows an empty box (the PDF and PowerPoint draw the same face).
 */
function faceShapes(level: number, r: number): string {
  const bend = level * 0.22 * r;
  const w = r * 0.45;
  const my = r * 0.3;
  const f = (v: number) => Math.round(v * 100) / 100;
  return (
    `<circle class="fh" r="${f(r)}"/>` +
    `<circle class="fe" cx="${f(-r * 0.35)}" cy="${f(-r * 0.25)}" r="${f(r * 0.11)}"/><circle class="fe" cx="${f(r * 0.35)}" cy="${f(-r * 0.25)}" r="${f(r * 0.11)}"/>` +
    `<path class="fm" stroke-width="${f(r * 0.1)}" d="M ${f(-w)} ${f(my - bend / 2)} Q 0 ${f(my + bend * 1.5)} ${f(w)} ${f(my - bend / 2)}"/>`
  );
}

function faceLabel(e: StageEmotion | undefined): string {
  if (!e || e.score === null) return '';
  const f = emotionFace(e.score);
  const room = e.room ? `; the room: ${roomSummary(e.room)}` : '';
  const label = htmlText(`${f.label} (${e.score > 0 ? '+' : ''}${e.score.toFixed(1)}${e.manual ? ', set by the facilitator' : ''}${room})`);
  return `<svg class="face" width="24" height="24" viewBox="-12 -12 24 24" role="img" aria-label="${label}"><title>${label}</title>${faceShapes(f.level, 10.5)}</svg>`;
}

/** The customer's goal and expectations at a stage, under its name (the full text on hover). */
function stageAims(s: Stage): string {
  if (!s.goal && !s.expectations) return '';
  const tip = [s.goal ? `Goal: ${s.goal}` : '', s.expectations ? `Expectations: ${s.expectations}` : ''].filter(Boolean).join('\n');
  return `<div class="sg" title="${htmlText(tip)}">${s.goal ? `<b>Goal:</b> ${htmlText(s.goal)}` : `<b>Expects:</b> ${htmlText(s.expectations)}`}</div>`;
}

/** Where notes not yet placed go: a block to the right of the frame, flowing like a cell. */
const FREE_GAP = 160;
const FREE_ACROSS = 4;

/**
 * The map as one self-contained HTML page (a string; save it as UTF-8 `.html`).
 *
 * Shows the frame laid out with {@link layoutFrame} (collapsed lanes are shown expanded: a client
 * sees every note), notes as sticky cards (hover shows the full text and author), notes not yet
 * placed to the right under their own heading, and the emotion curve as inline SVG with a face per
 * stage (and, where the room scored stages, the band of their spread and n). Drag to pan; wheel, the +/- buttons or the + and - keys to zoom; "Fit" (or 0) shows it all.
 */
export function mapToHtml(map: JourneyMap, options: HtmlOptions = {}): string {
  const stages = [...map.stages].sort((a, b) => a.position - b.position);
  const lanes = [...map.lanes].sort((a, b) => a.position - b.position);
  const notes = orderedNotes(map);
  const byId = new Map(notes.map((n) => [n.id, n]));
  const frame = layoutFrame({
    origin: FRAME_ORIGIN,
    stages,
    lanes: lanes.map((l) => ({ id: l.id, kind: l.kind, collapsed: false })),
    notes,
  });
  const emotions = mapStageEmotions(stages, map.notes, roomScoresOf(map));
  const emotionOf = new Map(emotions.map((e) => [e.stageId, e]));
  const curve = emotionCurve(frame, emotions);
  const hasFrame = stages.length > 0 || lanes.length > 0;

  const parts: string[] = [];
  if (hasFrame) {
    parts.push(box('corner', frame.corner));
    for (const col of frame.columns) {
      const s = stages[col.index]!;
      parts.push(
        box(
          'sh',
          col.header,
          `<div class="sn">${col.index + 1}. ${htmlText(s.name)}${faceLabel(emotionOf.get(s.id))}</div>${s.description ? `<div class="sd">${htmlText(s.description)}</div>` : ''}${stageAims(s)}`,
        ),
      );
    }
    for (const row of frame.rows) parts.push(box('lh', row.header, htmlText(lanes[row.index]!.name)));
    for (const c of frame.cells) parts.push(box('cell', c.rect));
  }
  for (const p of frame.placements) {
    const n = byId.get(p.id)!;
    parts.push(card(n, p.x, p.y, p.width, p.height));
  }

  // The curve goes over the notes of the Emotions row, as on the board: it is what the row is for.
  if (curve) {
    const guides = [curve.top, (curve.top + curve.bottom) / 2, curve.bottom]
      .map((y) => `<line x1="${px(frame.rect.x + frame.laneHeaderWidth)}" x2="${px(frame.rect.x + frame.rect.width)}" y1="${px(y)}" y2="${px(y)}"/>`)
      .join('');
    const faces = curve.points
      .map((p) => `<g transform="translate(${px(p.x)} ${px(p.y)})">${faceShapes(emotionFace(p.score).level, 17)}</g>`)
      .join('');
    // The room's spread (issue 14): a band from each stage's low to high score, and n under its face.
    const bands = curve.bands.map((b) => `<path class="band" d="${b.svgPath}"/>`).join('');
    const pointY = new Map(curve.points.map((p) => [p.stageId, p.y]));
    // Under the face, or above it when the face is near the row's bottom (as on the board).
    const countY = (y: number) => (y + 40 <= curve.bottom + 24 ? y + 40 : y - 26);
    const counts = curve.spreads
      .map((s) => `<text class="rn" x="${px(s.x)}" y="${px(countY((pointY.get(s.stageId) ?? s.lowY)))}">n = ${s.n}</text>`)
      .join('');
    parts.push(
      `<svg class="curve" width="${px(frame.rect.x + frame.rect.width)}" height="${px(frame.rect.y + frame.rect.height)}" aria-label="Emotion curve"><g class="guides">${guides}</g>${bands}${curve.svgPath ? `<path d="${curve.svgPath}"/>` : ''}${faces}${counts}</svg>`,
    );
  }
  // Notes outside the frame (no stage or lane, or one not in this map), flowing to its right.
  const placed = new Set(frame.placements.map((p) => p.id));
  const free = notes.filter((n) => !placed.has(n.id));
  let right = hasFrame ? frame.rect.x + frame.rect.width : 0;
  let bottom = hasFrame ? frame.rect.y + frame.rect.height : 0;
  if (free.length) {
    const left = hasFrame ? right + FREE_GAP : 0;
    const gap = frame.options.gap;
    const maxWidth = FREE_ACROSS * (frame.options.noteSize + gap) - gap;
    parts.push(`<div class="free" style="left:${px(left)}px;top:${px(frame.rect.y)}px">Not yet placed</div>`);
    let x = 0;
    let y = frame.rect.y + 56;
    let lineH = 0;
    for (const n of free) {
      if (x > 0 && x + n.width > maxWidth) {
        y += lineH + gap;
        x = 0;
        lineH = 0;
      }
      parts.push(card(n, left + x, y, n.width, n.height));
      x += n.width + gap;
      lineH = Math.max(lineH, n.height);
      right = Math.max(right, left + x - gap);
    }
    bottom = Math.max(bottom, y + lineH);
  }
  const worldW = Math.max(1, right);
  const worldH = Math.max(1, bottom);

  const persona = map.personas.find((p) => p.id === map.personaId);
  const when = new Date(options.exportedAt ?? map.updatedAt).toISOString().slice(0, 10);
  const title = htmlText(map.title);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_EXPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Journeyboard">
<title>${title}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${title}</h1>
${persona ? personaBadge(persona) : ''}
<span class="meta">${notes.length} notes · ${stages.length} stages · ${when}</span>
<nav aria-label="Zoom"><button type="button" id="zo" title="Zoom out (-)" aria-label="Zoom out">&minus;</button><output id="zl">100%</output><button type="button" id="zi" title="Zoom in (+)" aria-label="Zoom in">+</button><button type="button" id="zf" title="Show the whole map (0)">Fit</button></nav>
</header>
${reportPanel(reportOf(map, options.exportedAt ?? map.updatedAt))}
<main id="vp" tabindex="0" aria-label="Journey map: drag to pan, wheel to zoom">
<div id="world" data-w="${px(worldW)}" data-h="${px(worldH)}" style="width:${px(worldW)}px;height:${px(worldH)}px">
${parts.join('\n')}
</div>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const CSS = `
*{box-sizing:border-box}
html,body{margin:0;height:100%;overflow:hidden;background:${PAPER};color:${INK};font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif}
header{position:fixed;top:0;left:0;right:0;height:56px;display:flex;align-items:center;gap:16px;padding:0 16px;background:#fff;border-bottom:2px solid ${ACCENT};z-index:2}
h1{font-size:18px;margin:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;min-width:0}
.persona{display:flex;align-items:center;gap:8px;font-size:13px;white-space:nowrap;color:${MUTED_INK}}
.persona b{color:${INK}}
.av{width:30px;height:30px;border-radius:50%;display:inline-flex;align-items:center;justify-content:center;font-size:12px;font-weight:600;object-fit:cover}
.meta{font-size:12px;color:${MUTED_INK};white-space:nowrap;margin-left:auto}
nav{display:flex;align-items:center;gap:4px}
nav button{font:inherit;font-size:14px;min-width:32px;height:30px;border:1px solid ${GRID_LINE};background:#fff;border-radius:6px;cursor:pointer;color:${INK}}
nav button:hover{background:${HEADER_FILL}}
output{font-size:12px;min-width:44px;text-align:center;color:${MUTED_INK}}
main{position:fixed;top:56px;left:0;right:0;bottom:0;overflow:hidden;cursor:grab;touch-action:none;outline:none}
main.drag{cursor:grabbing}
#world{position:absolute;left:0;top:0;transform-origin:0 0;user-select:none;-webkit-user-select:none}
#world>div,#world>svg{position:absolute}
.corner,.sh,.lh{background:${HEADER_FILL};border:1px solid ${GRID_LINE}}
.sh{padding:14px 16px;overflow:hidden}
.sn{font-weight:700;font-size:20px;display:flex;justify-content:space-between;gap:8px}
.sd{font-size:14px;color:${MUTED_INK};margin-top:6px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sg{font-size:13px;margin-top:3px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.face{flex:none}
.lh{padding:14px 16px;font-weight:700;font-size:17px;overflow:hidden}
.cell{background:#fff;border:1px solid ${GRID_LINE}}
.n{padding:8px;border:1px solid;border-radius:3px;overflow:hidden;white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.25;box-shadow:0 1px 2px rgba(0,0,0,.12)}
.free{font-weight:700;font-size:20px;color:${MUTED_INK};white-space:nowrap}
.curve{left:0;top:0;pointer-events:none;overflow:visible}
.curve path{fill:none;stroke:${CURVE};stroke-width:4;stroke-linecap:round}
.curve .guides line{stroke:${GRID_LINE};stroke-width:1.5;stroke-dasharray:6 6}
.curve path.band{fill:${CURVE_BAND};fill-opacity:${CURVE_BAND_OPACITY};stroke:${CURVE_BAND_EDGE};stroke-width:1.5}
.curve .rn{font-size:13px;font-weight:600;fill:${MUTED_INK};text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
.fh{fill:#fff;stroke:${CURVE};stroke-width:2}
.fe{fill:${INK}}
.fm{fill:none;stroke:${INK};stroke-linecap:round}
@media print{header{position:static}main{position:static;overflow:visible}#world{transform:none!important}}
${REPORT_CSS}
`.trim();

/**
 * Pan and zoom. No map data here: the script only moves the already-rendered world. Any change
 * here changes its hash: update HTML_EXPORT_SCRIPT_HASH (the unit test prints the new value).
 */
const SCRIPT = `
(function(){
var vp=document.getElementById('vp'),w=document.getElementById('world'),zl=document.getElementById('zl');
var W=+w.getAttribute('data-w'),H=+w.getAttribute('data-h'),x=0,y=0,z=1,drag=null;
function clamp(v){return Math.min(4,Math.max(0.02,v));}
function apply(){w.style.transform='translate('+x+'px,'+y+'px) scale('+z+')';zl.textContent=Math.round(z*100)+'%';}
function zoomAt(f,cx,cy){var n=clamp(z*f);x=cx-(cx-x)*n/z;y=cy-(cy-y)*n/z;z=n;apply();}
function centre(f){var r=vp.getBoundingClientRect();zoomAt(f,r.width/2,r.height/2);}
function fit(){var r=vp.getBoundingClientRect(),m=32;z=clamp(Math.min((r.width-2*m)/W,(r.height-2*m)/H));x=(r.width-W*z)/2;y=Math.max(m,(r.height-H*z)/2);apply();}
vp.addEventListener('wheel',function(e){e.preventDefault();var r=vp.getBoundingClientRect(),d=e.deltaMode===1?e.deltaY*16:e.deltaY;zoomAt(Math.exp(-d*0.0015),e.clientX-r.left,e.clientY-r.top);},{passive:false});
vp.addEventListener('pointerdown',function(e){if(e.button!==0)return;drag={id:e.pointerId,x:e.clientX,y:e.clientY};vp.setPointerCapture(e.pointerId);vp.classList.add('drag');});
vp.addEventListener('pointermove',function(e){if(!drag||e.pointerId!==drag.id)return;x+=e.clientX-drag.x;y+=e.clientY-drag.y;drag.x=e.clientX;drag.y=e.clientY;apply();});
function end(){drag=null;vp.classList.remove('drag');}
vp.addEventListener('pointerup',end);vp.addEventListener('pointercancel',end);
document.getElementById('zi').addEventListener('click',function(){centre(1.25);});
document.getElementById('zo').addEventListener('click',function(){centre(0.8);});
document.getElementById('zf').addEventListener('click',fit);
document.addEventListener('keydown',function(e){if(e.ctrlKey||e.metaKey||e.altKey)return;if(e.key==='+'||e.key==='=')centre(1.25);else if(e.key==='-')centre(0.8);else if(e.key==='0'||e.key==='f')fit();else return;e.preventDefault();});
fit();
})();
`.trim();
