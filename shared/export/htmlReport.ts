/**
 * The HTML export's "Priorities" panel: the pain points that hurt most, vote results per round,
 * the impact/effort matrix, the roadmap and the metrics, as plain HTML (every text escaped, no
 * script: a native <details> opens and closes it, so the page's CSP hash is untouched). Each
 * section only when the map has something for it; no panel at all when it has none.
 */
import { htmlText } from './html';
import { NO_FIGURE } from '../prioritise/metrics';
import { METRIC_STATUS_COLOR } from './palette';
import { QUADRANTS, type Report, type ReportRound } from './report';

const votes = (v: number) => `${v} ${v === 1 ? 'vote' : 'votes'}`;

function roundHtml(r: ReportRound): string {
  const facts = [r.status, r.anonymous ? 'anonymous' : '', votes(r.total)].filter(Boolean).join(', ');
  const items = r.results
    .map((x) => {
      // Who gave the dots: only in a round that is not anonymous (the report has no names otherwise).
      const who = x.byParticipant
        ? [...r.participants.map((p, k) => (x.byParticipant![k] ? `${htmlText(p.name)} ${x.byParticipant![k]}` : '')), x.byParticipant.at(-1) ? `typed ${x.byParticipant.at(-1)}` : '']
            .filter(Boolean)
            .join(', ')
        : '';
      return `<li>${htmlText(x.note.text)} <b>${x.votes}</b>${who ? ` <small>(${who})</small>` : ''}</li>`;
    })
    .join('');
  return `<h3>${htmlText(r.title)}</h3><p class="rf">${htmlText(facts)}</p>${items ? `<ol>${items}</ol>` : '<p class="rf">No votes yet.</p>'}`;
}

/** The panel's sections, or '' when the map has nothing to put in it. */
export function reportPanel(report: Report): string {
  const sections: string[] = [];
  if (report.painsRanked && report.pains.length) {
    const rows = report.pains
      .slice(0, 10)
      .map((p) => `<tr><td>${htmlText(p.note.text)}</td><td>${htmlText(p.stage?.name ?? '')}</td><td class="num">${p.votes ?? '–'}</td><td class="num">${p.severity ?? '–'}</td></tr>`)
      .join('');
    sections.push(`<section><h2>Top pain points</h2><p class="rf">By votes × severity</p><table><thead><tr><th>Pain point</th><th>Stage</th><th>Votes</th><th>Severity</th></tr></thead><tbody>${rows}</tbody></table></section>`);
  }
  if (report.rounds.some((r) => r.results.length)) {
    sections.push(`<section><h2>Votes</h2>${report.rounds.map(roundHtml).join('')}</section>`);
  }
  if (report.matrix.scored.length) {
    const quadrant = (id: string) =>
      report.matrix.scored
        .filter((m) => m.quadrant === id)
        .map((m) => `<li>${htmlText(m.note.text)} <small>impact ${m.impact}, effort ${m.effort}${m.votes ? `, ${votes(m.votes)}` : ''}</small></li>`)
        .join('');
    // Quick wins and big bets on top (high impact), fill-ins and money pits below; low effort on the left.
    const cells = QUADRANTS.map((q) => `<div class="q q-${q.id}"><h3>${q.label}</h3><p class="rf">${q.hint}</p><ul>${quadrant(q.id)}</ul></div>`).join('');
    const unscored = report.matrix.unscored.length
      ? `<p class="rf">Not scored yet: ${report.matrix.unscored.map((m) => htmlText(m.note.text)).join('; ')}</p>`
      : '';
    sections.push(`<section><h2>Impact and effort</h2><div class="mx" aria-label="Impact (up) and effort (across) matrix">${cells}</div>${unscored}</section>`);
  }
  if (report.roadmapCount) {
    const cols = report.roadmap
      .map((c) => {
        const items = c.items
          .map((it) => {
            const facts = [it.owner ? htmlText(it.owner) : '', it.due ? `due ${it.due}` : '', it.stage ? htmlText(it.stage.name) : ''].filter(Boolean).join(' · ');
            const pains = it.pains.length ? `<br><small>Answers: ${it.pains.map((p) => htmlText(p.text)).join('; ')}</small>` : '';
            return `<li>${htmlText(it.note.text)}${facts ? `<br><small>${facts}</small>` : ''}${pains}</li>`;
          })
          .join('');
        return `<div class="rc"><h3>${c.label} <small>${c.items.length}</small></h3>${items ? `<ol>${items}</ol>` : '<p class="rf">Nothing yet</p>'}</div>`;
      })
      .join('');
    sections.push(`<section><h2>Roadmap</h2><div class="rm">${cols}</div></section>`);
  }
  if (report.metrics.length) {
    const rows = report.metrics
      .map(
        (m) =>
          `<tr><td>${htmlText(m.scope)}</td><td>${m.label}</td><td class="num">${htmlText(m.valueText) || NO_FIGURE}</td><td class="num">${htmlText(m.targetText) || NO_FIGURE}</td>` +
          `<td${m.status === 'unset' ? '' : ` class="st st-${m.status}"`}>${m.statusText || NO_FIGURE}</td><td>${htmlText(m.source) || '–'}</td><td>${m.date ?? '–'}</td></tr>`,
      )
      .join('');
    sections.push(`<section><h2>Metrics</h2><table><thead><tr><th>Stage</th><th>Metric</th><th>Value</th><th>Target</th><th>Status</th><th>Source</th><th>Date</th></tr></thead><tbody>${rows}</tbody></table></section>`);
  }
  if (!sections.length) return '';
  return `<details class="report"><summary>Priorities</summary><div class="rp" tabindex="0" aria-label="Priorities">${sections.join('')}</div></details>`;
}

/** The panel's styles (added to the page's stylesheet). */
export const REPORT_CSS = `
.report{position:fixed;top:64px;right:12px;z-index:3;max-width:min(720px,calc(100vw - 24px));font-size:13px}
.report summary{cursor:pointer;background:#fff;border:1px solid #cfd4dc;border-radius:6px;padding:6px 12px;font-weight:600;width:max-content;margin-left:auto;list-style-position:inside}
.rp{margin-top:6px;background:#fff;border:1px solid #cfd4dc;border-radius:8px;padding:4px 16px 12px;max-height:calc(100vh - 120px);overflow:auto;box-shadow:0 4px 16px rgba(0,0,0,.12)}
.rp h2{font-size:16px;margin:14px 0 6px}.rp h3{font-size:14px;margin:10px 0 4px}
.rp table{border-collapse:collapse;width:100%}.rp th,.rp td{border-bottom:1px solid #e3e6eb;padding:4px 6px;text-align:left;vertical-align:top}
.rp th{background:#e9edf3}.rp .num{text-align:right}.rf{color:#5f6b7a;margin:2px 0}
.rp ol,.rp ul{margin:4px 0;padding-left:20px}.rp li{margin:2px 0}.rp small{color:#5f6b7a}
.mx{display:grid;grid-template-columns:1fr 1fr;gap:6px}.q{border-radius:6px;padding:4px 10px}
.q-quick_win{background:#e5f5e0}.q-big_bet{background:#e3ecfb}.q-fill_in{background:#f1f3f5}.q-money_pit{background:#fbe6e6}
.rm{display:grid;grid-template-columns:repeat(4,1fr);gap:8px}.rc{background:#f6f7f9;border-radius:6px;padding:2px 8px}
.st{font-weight:700;white-space:nowrap}${(['met', 'near', 'far'] as const).map((k) => `.st-${k}{color:${METRIC_STATUS_COLOR[k].ink};background:${METRIC_STATUS_COLOR[k].fill}}`).join('')}
@media print{.report{position:static;max-width:none}.rp{max-height:none;box-shadow:none}}
`.trim();
