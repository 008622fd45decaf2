/**
 * Warming the classifier up in idle time. The first large `classifyNotes` call of a process runs
 * mostly in V8's interpreter (the same functions run 5-15x faster once optimised) and loads wink's
 * word model; a facilitator's first "Suggest" on a big board paid for both. `warmUpSteps` is that
 * work done beforehand on a small built-in map of general English notes written for this file (no
 * workshop's text), as a list of small steps so that the caller can run them between requests:
 * a request arriving meanwhile waits at most for the step already running.
 *
 * The steps only read and fill the caches every call fills (wink's analyses and the terms, keyed
 * by text): nothing they compute is shown, and a suggestion made before, during or after them is
 * the same.
 */
import { classifyNotes, type NoteInput } from './classify';
import { clusterNotes } from './cluster';
import { analyse } from './nlp';
import type { StageInput } from './stage';

const STAGES: StageInput[] = [
  { name: 'Discover', description: 'hears about the service from friends, ads or a search' },
  { name: 'Compare options', description: 'reads reviews, checks prices and plans, asks questions' },
  { name: 'Sign up', description: 'creates an account, pays and confirms the order' },
  { name: 'Wait and receive', description: 'tracks the delivery or the booking until it arrives' },
  { name: 'Use', description: 'sets it up and uses it day to day' },
  { name: 'Get help', description: 'contacts support by phone, chat or email when something goes wrong' },
  { name: 'Renew or leave', description: 'decides whether to renew, upgrade or cancel' },
];

/** General English journey notes of every kind (written for this file). */
const NOTES = [
  'Saw an advert on the bus on the way to work',
  'A friend recommended it over dinner',
  'Searches online for the best option nearby',
  'Is this actually worth the money?',
  'Compares three plans side by side',
  'Reads reviews on a comparison site',
  'The price page is confusing and hides the fees',
  'Could we show the total price up front?',
  'Creates an account with an email address',
  'Had to type the same address twice',
  'Payment failed twice and nobody explained why',
  'Relieved when the confirmation email arrived',
  'Let people pay later in three instalments',
  'Order confirmation page',
  'Tracks the parcel in the app',
  'Delivery slot changed without warning',
  'Waited all day at home for the courier',
  'Delighted the driver texted a one-hour window',
  'What if we sent a photo when the parcel is left?',
  'Text message with a tracking link',
  'Sets it up with the quick start guide',
  'The instructions assume you already know the jargon',
  'Love how simple the settings are!',
  'Uses it every morning before work',
  'Worried the data is not backed up',
  'Add a short video to explain the first steps',
  'Calls the helpline about a missing part',
  'On hold for forty minutes, so frustrating',
  'Live chat agent was friendly and fixed it quickly',
  'Why do I have to explain everything again?',
  'Offer a call back instead of a queue',
  'Help centre article',
  'Gets a reminder that the plan renews next week',
  'Cancelling takes five steps and a phone call',
  'Thinks about switching to a cheaper provider',
  'Proud to have saved money this year',
  'Should be able to pause instead of cancelling',
  'Renewal email with the new price',
  'Refund took two weeks to arrive',
  'Asks a colleague which plan they use',
  // Every kind of token wink meets on a board: quotes, contractions, sums, times, units, emoji...
  'The email just said "your request is being processed"',
  "Didn't know if the order went through, I'm still not sure",
  "The courier's van was parked outside but he never knocked",
  'Paid £45 extra for next-day delivery, then it came 3 days late',
  'Booked the 10:30 slot online; nobody turned up until 2pm',
  'NPS dropped to 12% after the price change',
  '40 min in the queue!!! 😡',
  'Great service :) would recommend',
  'Self-checkout kept saying "unexpected item"...',
  'FAQ page covers returns, not exchanges (why?)',
  'Maybe a live map of where the driver is?',
  'So relieved!! Everything worked first time 🙂',
  'Spent $120 on a 2-year plan & regretted it',
  'Sent 3 emails over 2 weeks - no reply',
  'Ugh... the password rules again #annoying',
  "It's fine I guess",
  // Every ending the stemmer treats apart: -ies, -sses, -ss, -us, -is, a doubled consonant.
  'Two queries about the addresses, no access to the status or the analysis, so the app stopped',
];

/** A batch of free notes (new texts each round) against a board with notes already placed. */
function batch(round: number): { notes: NoteInput[]; placed: { text: string; stageIndex: number }[] } {
  // New texts each round, so wink and the tokenisers run too (their results are cached by text).
  const notes = NOTES.map((text, i) => ({
    text: `${text} ${round + 1}`,
    ...(i % 9 === 0 ? { target: { stageIndex: i % STAGES.length } } : {}),
  }));
  const placed = NOTES.flatMap((text, i) =>
    [0, 1, 2, 3].map((k) => ({ text: `${text} ${k * 10 + round}`, stageIndex: (i + k) % STAGES.length })),
  );
  return { notes, placed };
}

/** Everyday words for a board with a small vocabulary (nearly every note shares a word with every other). */
const FEW_WORDS = (
  'customer waits phone order late app email refund price staff helpful slow form payment ' +
  'delivery account support confusing happy annoyed checks calls'
).split(' ');

/**
 * A board whose notes draw on a few words: the stage matching takes its dense path there (a
 * note's postings cover every placed note), which the batch above never reaches.
 */
function fewWordsBatch(round: number): { notes: NoteInput[]; placed: { text: string; stageIndex: number }[] } {
  let x = 12345 + round;
  const random = () => (x = (x * 16807) % 2147483647) / 2147483647;
  const text = () => {
    const words: string[] = [];
    for (let n = 3 + Math.floor(random() * 6); n > 0; n--)
      words.push(FEW_WORDS[Math.floor(random() * FEW_WORDS.length)]!);
    return words.join(' ');
  };
  const notes = Array.from({ length: 20 }, () => ({ text: text() }));
  const placed = Array.from({ length: 120 }, (_, i) => ({ text: text(), stageIndex: i % STAGES.length }));
  return { notes, placed };
}

/**
 * Notes for `clusterNotes` (the board's "Group duplicates"): the built-in notes, near-copies of
 * them (a letter swapped, words reordered or doubled, another case, a suffix), and few-word notes
 * of every length up to a paragraph, so that every path of the pair search and of the trigram
 * comparison runs (word matches, trigram-only matches, joins, long notes against short ones).
 */
function clusterBatch(round: number): { id: string; text: string }[] {
  const texts: string[] = [];
  NOTES.forEach((text, i) => {
    const t = `${text} ${round}`;
    texts.push(t);
    const words = t.split(' ');
    if (i % 3 === 0) texts.push(t.replace(/([a-z])([a-z])/, '$2$1'));
    if (i % 4 === 1) texts.push([...words.slice(1), words[0]].join(' ').toUpperCase());
    if (i % 5 === 2) texts.push(`${t} ${words[words.length - 2] ?? ''}!!`);
  });
  let x = 777 + round;
  const random = () => (x = (x * 16807) % 2147483647) / 2147483647;
  for (let k = 0; k < 60; k++) {
    const r = random();
    const count =
      r < 0.7
        ? 2 + Math.floor(random() * 11)
        : r < 0.95
          ? 13 + Math.floor(random() * 28)
          : 60 + Math.floor(random() * 40);
    const words: string[] = [];
    for (let n = 0; n < count; n++) words.push(FEW_WORDS[Math.floor(random() * FEW_WORDS.length)]!);
    texts.push(words.join(' '));
    if (k % 6 === 0) texts.push(`${words.join(' ')}s`);
  }
  return texts.map((text, i) => ({ id: `w${round}-${i}`, text }));
}

/** Rounds of each batch: enough for V8 to optimise the per-note and per-pair code. */
const ROUNDS = 12;

/**
 * The warm-up as small steps, each a few milliseconds to a few tens once the word model is in:
 * loading the model, then `ROUNDS` classifications of each built-in batch and `ROUNDS` groupings
 * of near-duplicates (`clusterNotes`, the other big call a board makes).
 */
export function warmUpSteps(): (() => void)[] {
  const steps: (() => void)[] = [() => void analyse('Warming up the note classifier')];
  for (let r = 0; r < ROUNDS; r++) {
    steps.push(() => {
      const { notes, placed } = batch(r);
      classifyNotes(notes, { stages: STAGES, placed });
    });
    steps.push(() => {
      const { notes, placed } = fewWordsBatch(r);
      classifyNotes(notes, { stages: STAGES, placed });
    });
    steps.push(() => void clusterNotes(clusterBatch(r)));
  }
  return steps;
}
