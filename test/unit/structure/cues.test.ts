// The general English cues behind the kind and sentiment rules, on notes written for these tests
// (domains the corpus does not have: pet insurance, a library, a removal firm, a dentist, a
// council tax account). Nothing here comes from the corpus.
import { describe, expect, it } from 'vitest';
import { classifyNotes } from '../../../shared/structure/classify';

const stages = [
  { name: 'Find out', description: 'First hears about the service, looks for information' },
  { name: 'Sign up', description: 'Forms, checks and payment' },
  { name: 'Use', description: 'Day-to-day use of the service' },
  { name: 'Get help', description: 'Problems, complaints and refunds' },
];
const one = (text: string) => classifyNotes([{ text }], { stages })[0]!;

describe('suggestions by the team are opportunities', () => {
  it.each([
    'send a text the day before the removal',
    'let owners upload the vet bill from their phone',
    'offer a video call instead of a home visit',
    'we should show the excess on the quote',
    'could we pre-fill the address from the postcode?',
    'what if the library emailed before a book is due?',
    'how might we make the first visit less scary?',
    'a callback option would help',
    'there should be a way to pause the plan',
    'customers should be able to change the date online',
    'maybe an FAQ on the booking page?',
    'Clearer wording on the renewal letter',
    'Fewer steps to report a missed bin',
    'Option to pay the vet in instalments',
    "Don't make people print the claim form",
    'Loyalty discount for members who renew',
  ])('%s', (text) => {
    const r = one(text);
    expect(r.kind).toBe('opportunity');
    expect(r.sentiment).toBe(0);
  });
});

describe('complaints written as statements are pain points', () => {
  it.each([
    ['Refund took two weeks and nobody told me why', -2],
    ['Had to ring three times to get a straight answer', -1],
    ['Vet bill claim took a month to pay out', -1],
    ['Charged twice for the same month', -2],
    ['Waited in for the removal van all day', -1],
    ['Dentist cancelled the appointment the night before', -1],
    ['Offer expired before I could use it', -1],
    // Being left uninformed is a complaint about the service, not a feeling idiom.
    ['Kept in the dark about the delivery date', -1],
  ] as const)('%s', (text, worst) => {
    const r = one(text);
    expect(r.kind).toBe('pain_point');
    expect(r.sentiment).toBeLessThanOrEqual(worst);
  });
});

describe('feelings are emotions, even when the cause is named', () => {
  it.each([
    ['Delighted the courier texted a one-hour slot', 2],
    ['Felt relieved when the refund finally arrived', 1],
    ['Pleased the dentist explained every step', 1],
    ['Happy the movers wrapped everything in blankets', 1],
    ['Overjoyed when the claim was approved', 2],
    ['so relieved it is all sorted', 2],
    ['looking forward to the new flat', 1],
  ] as const)('%s', (text, sentiment) => {
    const r = one(text);
    expect(r.kind).toBe('emotion');
    expect(r.sentiment).toBe(sentiment);
  });

  it('a worry about something is an emotion, not a problem that happened', () => {
    const r = one('bit worried about the deposit');
    expect(r.kind).toBe('emotion');
    expect(r.sentiment).toBe(-1);
  });

  it('a negative feeling with a problem named stays a pain point (the tie-break)', () => {
    const r = one('annoyed the form wiped my answers');
    expect(r.kind).toBe('pain_point');
    expect(r.sentiment).toBeLessThan(0);
  });
});

describe('words that look like cues but are not', () => {
  it('a proposal verb that names a thing is a touchpoint ("offer email", "text updates")', () => {
    expect(one('offer email').kind).toBe('touchpoint');
    expect(one('text updates from the removal firm').kind).toBe('touchpoint');
  });

  it('a feeling word naming a thing is not a feeling ("welcome pack")', () => {
    expect(one('welcome pack').kind).toBe('touchpoint');
    expect(one('welcome week timetable').kind).toBe('touchpoint');
  });

  it('"can we afford it?" is the customer asking, not the team proposing', () => {
    expect(one('can we actually afford the premium this year?').kind).toBe('thought');
  });

  it('getting in touch about a problem is still a step', () => {
    expect(one('reports a missing item in the app').kind).toBe('action');
  });
});
