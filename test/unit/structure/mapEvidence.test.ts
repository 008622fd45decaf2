// What the map already knows, as evidence for a note's stage and lane: notes the facilitator has
// placed in cells, and the stage or lane a capture step was aimed at. Notes written for these tests.
import { describe, expect, it } from 'vitest';
import { classifyNotes } from '../../../shared/structure/classify';

// Stage names that say nothing: only the placed notes can teach them.
const blank = [
  { name: 'Part 1', description: '' },
  { name: 'Part 2', description: '' },
  { name: 'Part 3', description: '' },
];

describe('notes placed in cells teach their stage', () => {
  const placed = [
    { text: 'the removal van was late', stageIndex: 0 },
    { text: 'movers wrapped the sofa in blankets', stageIndex: 0 },
    { text: 'council tax form for the new address', stageIndex: 1 },
    { text: 'electoral register letter', stageIndex: 1 },
    { text: 'neighbours came round with a cake', stageIndex: 2 },
    { text: 'finds the nearest park for the dog', stageIndex: 2 },
  ];

  it('a new note sharing words with placed notes goes to their stage', () => {
    const notes = [
      { text: 'van driver lost the keys to the van' },
      { text: 'council tax bill sent to the old address' },
      { text: 'dog loves the park' },
    ];
    const got = classifyNotes(notes, { stages: blank, placed }).map((r) => r.stageIndex);
    expect(got).toEqual([0, 1, 2]);
  });

  it('ignores placed notes whose stage is not on the map', () => {
    const notes = [{ text: 'van driver lost the keys' }, { text: 'council tax bill' }];
    const valid = classifyNotes(notes, { stages: blank, placed });
    const withStray = classifyNotes(notes, {
      stages: blank,
      placed: [{ text: 'van driver keys', stageIndex: 7 }, { text: 'council tax', stageIndex: -1 }, ...placed],
    });
    expect(withStray).toEqual(valid);
  });
});

const stages = [
  { name: 'Book', description: 'Finds a dentist and books an appointment' },
  { name: 'Visit', description: 'Waiting room, check-up and treatment' },
  { name: 'Pay', description: 'Invoice, payment and insurance' },
  { name: 'Aftercare', description: 'Follow-up, reminders and the next check-up' },
];

describe('the stage a capture step was aimed at', () => {
  it('places a note whose words say nothing about its stage', () => {
    const plain = classifyNotes([{ text: 'so relieved' }], { stages })[0]!;
    const aimed = classifyNotes([{ text: 'so relieved', target: { stageIndex: 2 } }], { stages })[0]!;
    expect(aimed.stageIndex).toBe(2);
    expect(aimed.stageConfidence).toBeGreaterThan(plain.stageConfidence);
  });

  it('does not overrule words that clearly name another stage', () => {
    const r = classifyNotes([{ text: 'pays the invoice by card', target: { stageIndex: 0 } }], { stages })[0]!;
    expect(r.stageIndex).toBe(2);
  });

  it('ignores a target that is not one of the stages', () => {
    const r = classifyNotes([{ text: 'pays the invoice by card', target: { stageIndex: 9 } }], { stages })[0]!;
    expect(r.stageIndex).toBe(2);
  });
});

describe('the lane a capture step was aimed at', () => {
  it('settles a close call', () => {
    const plain = classifyNotes([{ text: 'reminder letter' }], { stages })[0]!;
    expect(plain.kind).toBe('touchpoint');
    const aimed = classifyNotes([{ text: 'reminder letter', target: { kind: 'pain_point' } }], { stages })[0]!;
    expect(['touchpoint', 'pain_point']).toContain(aimed.kind);
    expect(aimed.kind === 'pain_point' || aimed.kindConfidence < plain.kindConfidence).toBe(true);
  });

  it('does not overrule clear words', () => {
    const r = classifyNotes([{ text: 'Delighted the dentist ran on time', target: { kind: 'pain_point' } }], {
      stages,
    })[0]!;
    expect(r.kind).toBe('emotion');
  });
});
