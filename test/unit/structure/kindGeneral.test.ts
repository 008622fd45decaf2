// The general English cues added for issue 17's other domains, on notes written for these tests
// (a pharmacy, a holiday cottage, EV charging, a cinema, a nursery, student halls, a transit app,
// a gym, a vet). Nothing here comes from the corpus.
import { describe, expect, it } from 'vitest';
import { classifyNotes } from '../../../shared/structure/classify';

const stages = [
  { name: 'Before', description: 'Finding out and booking' },
  { name: 'During', description: 'Using the service' },
  { name: 'After', description: 'Bills, refunds and follow-up' },
];
const one = (text: string) => classifyNotes([{ text }], { stages })[0]!;

describe('a verb joined to its particle by a hyphen is a thing, not an order', () => {
  it.each(['follow-up call from the nurse', 'check-in desk at the surgery', 'top-up screen in the app'])(
    '%s is a touchpoint',
    (text) => expect(one(text).kind).toBe('touchpoint'),
  );
});

describe('an -ing word before a bare noun names a thing', () => {
  it('cleaning fee £90 on top is a pain point (extra cost), not a step', () => {
    expect(one('cleaning fee £90 on top').kind).toBe('pain_point');
  });
  it('a verb followed by "the" is a step even when a later clause has "is"', () => {
    expect(one('rings the pharmacy to check it is ready').kind).toBe('action');
  });
});

describe('feelings', () => {
  it.each([
    ['feels like a local already 😎', 1],
    ['loving the open road tbh', 2],
    ['pumped after the first class 💪', 1],
    ["can't wait!!", 2],
    ['totally chilled by day 2', 2],
    ['tearful on the first morning', -1],
    ['heartbroken at drop-off 😢', -2],
    ['range anxiety 😬', -1],
    ['shaken up', -1],
  ] as const)('%s is an emotion (sentiment %i)', (text, sentiment) => {
    const r = one(text);
    expect(r.kind).toBe('emotion');
    expect(r.sentiment).toBe(sentiment);
  });
});

describe('proposals in other shapes', () => {
  it.each([
    "what if the app had a 'something's wrong' button w/ live chat",
    'what if the clinic sent the claim straight to the insurer',
    'what if GPs sent the script straight to the pharmacy',
    'parents should get the closure dates at sign-up',
    'a ready-to-collect notification would save a trip',
    'contactless on every charger',
    'open the booking a week ahead, not 48h',
  ])('%s is an opportunity', (text) => {
    const r = one(text);
    expect(r.kind).toBe('opportunity');
    expect(r.sentiment).toBe(0);
  });
  it('a worry that starts "what if" in the customer\'s voice stays a thought', () => {
    expect(one('what if the valuation is low, do we lose the flat?').kind).toBe('thought');
    expect(one('what if I miss the last train?').kind).toBe('thought');
  });
});

describe('complaints the rules used to miss', () => {
  it.each([
    'Price jumped by £80 once I added a 2nd driver',
    'push alert about the strike came after I was already on the platform',
    'annoyed, wasted a morning',
    'machine ate my card',
  ])('%s is a pain point', (text) => {
    const r = one(text);
    expect(r.kind).toBe('pain_point');
    expect(r.sentiment).toBeLessThan(0);
  });
});

describe('sentiment of questions', () => {
  it.each([
    'is it worth it if I only go once a week?',
    'are the recliner seats worth the extra?',
    'which is easier, the app or the site?',
  ])('%s is not praise', (text) => {
    const r = one(text);
    expect(r.kind).toBe('thought');
    expect(r.sentiment).toBeLessThanOrEqual(0);
  });
});

describe('steps, channels and reports told apart by the shape of the sentence', () => {
  it.each(['forwards the email to her partner', 'she calls the helpline'])('%s is an action', (text) =>
    expect(one(text).kind).toBe('action'),
  );
  it.each([
    'cancel button hidden in settings > account > more',
    'chat bot goes round in circles',
    'password rules ridiculous',
  ])('%s is a pain point, not a proposal or a channel', (text) => expect(one(text).kind).toBe('pain_point'));
  it('a channel whose name has a problem word stays a channel', () => {
    expect(one('email receipt w/ damage report').kind).toBe('touchpoint');
  });
  it('a feeling that is also a problem word is a feeling when nothing else is named', () => {
    const r = one('bit lost tbh');
    expect(r.kind).toBe('emotion');
    expect(r.sentiment).toBe(-1);
  });
  it('swap ... for ... proposes', () => {
    expect(one('swap the chatbot for a real person after 2 fails').kind).toBe('opportunity');
  });
});

describe('subjects', () => {
  it('customers named first are the subject, not a verb', () => {
    expect(one('users drop off at the ID check step').kind).not.toBe('action');
  });
  it('a possessive opens a report of what happened', () => {
    expect(one('my booking vanished from the app').kind).toBe('pain_point');
  });
});
