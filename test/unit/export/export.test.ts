import { describe, expect, it } from 'vitest';
import { mapToCsv, mapToJson, mapToMarkdown, parseMapDocument } from '../../../shared/export/index';
import { goldenMap } from './fixture';

describe('CSV export', () => {
  it('one row per note in reading order, quoted where needed, formulas defused', () => {
    expect(mapToCsv(goldenMap)).toBe(
      '\uFEFF' +
        [
          'Stage,Lane,Kind,Text,Sentiment,Author,Channels,Personas,Colour,Created,Updated',
          'Join,Actions,Action,"fills in the form, ""quickly""",,Ana,Web,Sam,yellow,2026-11-23T09:00:00.001Z,2026-11-23T09:00:00.000Z',
          'Join,Pain points,Pain point,"card declined\ntwice",-1,,,,yellow,2026-11-23T09:00:00.003Z,2026-11-23T09:00:00.000Z',
          'Cancel,Pain points,Pain point,"\'=HYPERLINK(""http://x"") only by *letter*",-2,,,,yellow,2026-11-23T09:00:00.002Z,2026-11-23T09:00:00.000Z',
          'Cancel,Opportunities,Opportunity,let people cancel in the app,,,,,yellow,2026-11-23T09:00:00.004Z,2026-11-23T09:00:00.000Z',
          ',,,# not a heading,,,,,yellow,2026-11-23T09:00:00.005Z,2026-11-23T09:00:00.000Z',
        ].join('\r\n') +
        '\r\n',
    );
  });
});

describe('Markdown report', () => {
  it('title, persona, stages by lane, top pain points, opportunities, not yet placed', () => {
    expect(mapToMarkdown(goldenMap)).toBe(`# Gym membership – as-is

## Persona: Sam

Night-shift nurse

> I just want to train at 2am

**Goals:** Stay fit

**Needs:** 24h access

**Frustrations:** Queues

## 1. Join

_Signs up online_

### Actions

- fills in the form, "quickly" _(Web; by Ana)_

### Pain points

- card declined twice _(sentiment -1)_

## 2. Cancel

_Tries to leave_

### Pain points

- =HYPERLINK\\("http://x"\\) only by \\*letter\\* _(sentiment -2)_

### Opportunities

- let people cancel in the app

## Top pain points

1. =HYPERLINK\\("http://x"\\) only by \\*letter\\* — Cancel
2. card declined twice — Join

## Opportunities

- let people cancel in the app — Cancel

## Not yet placed

- \\# not a heading
`);
  });
});

describe('JSON export', () => {
  it('round trip gives the same map', () => {
    const text = mapToJson(goldenMap, Date.UTC(2026, 10, 23));
    expect(JSON.parse(text)).toMatchObject({ format: 'journeyboard.map', version: 2, exportedAt: '2026-11-23T00:00:00.000Z' });
    expect(parseMapDocument(text)).toEqual(goldenMap);
  });

  it('refuses what it cannot use, saying why', () => {
    expect(() => parseMapDocument('{"format":')).toThrow('it is not valid JSON');
    expect(() => parseMapDocument('{"hello":1}')).toThrow('"format" must be "journeyboard.map"');
    expect(() => parseMapDocument(JSON.stringify({ format: 'journeyboard.map', version: 7, map: {} }))).toThrow(
      'exported by a newer Journeyboard (format version 7',
    );
    const doc = JSON.parse(mapToJson(goldenMap, 0));
    doc.map.notes[0].x = 'left';
    expect(() => parseMapDocument(JSON.stringify(doc))).toThrow('notes.0.x: expected number, received string');
    const dangling = JSON.parse(mapToJson(goldenMap, 0));
    dangling.map.notes[0].stageId = 'ghost';
    expect(() => parseMapDocument(JSON.stringify(dangling))).toThrow('note "n4" is in stage "ghost", which is not in the file');
    const twice = JSON.parse(mapToJson(goldenMap, 0));
    twice.map.notes[1].id = 'n4';
    expect(() => parseMapDocument(JSON.stringify(twice))).toThrow('the id "n4" is used twice');
  });
});
