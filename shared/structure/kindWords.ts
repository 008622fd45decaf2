/**
 * Word lists of the kind rules (kind.ts): general English, how people write sticky notes in any
 * customer-journey workshop. Words are matched against lower-cased tokens.
 */

const set = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/** Feeling idioms: "over the moon", "fed up", "looking forward". */
export const FEELING_IDIOMS: readonly string[] = `
  over the moon, on the fence, in control, out of control, at home, fed up, on edge,
  at a loss, cloud nine, left out, let down, put off, taken aback, blown away, at ease,
  freaked out, stressed out, worn out, to bits, sick of, over it, in limbo, on top of, on board,
  in love, done with, out of my depth, looking forward, looked after, taken care of,
  peace of mind, made my day, can't wait, cant wait, can not wait
`
  .split(',')
  // An idiom may wrap onto the next line: its words are joined by one space.
  .map((x) => x.trim().replace(/\s+/g, ' '))
  .filter(Boolean);

export const FEEL_VERBS = set(`
  feel feels feeling felt getting gets becoming seems looks
`);

export const MENTAL = set(`
  hope wonder wondering think guess wish bet suppose imagine reckon assume doubt please pls
  hopefully maybe probably surely finally
`);

export const EMOTION_FILLER = set(`
  a bit feel feels feeling felt getting now still tbh lol ngl rn af honestly actually at this
  point and but just mood whatever totally all of the so much to bits out up quietly very more
  than ever again properly
`);

export const CUSTOMER_SUBJECTS = set(`
  customer customers cust cust. user users she he they patient patients client clients member
  members guest guests buyer shopper student parent parents people ppl persona
`);

/** Words that report something broke or went wrong (a subset of PROBLEM_WORDS, but unambiguous). */
export const FAILURES = set(`
  error fail failed fails failure broken crash crashes crashed bug glitch lost missing wrong
  rejected declined blocked wiped deleted stuck frozen freezes timed timeout expired denied
  refused overcharged damaged faulty cancelled canceled 404 spam junk
`);

/** Proposal verbs that also name things ("help centre", "invite email", "text reminder"). */
export const NOUNISH_VERBS = set(`
  help invite support review welcome call check order search text email chat video demo feature
  guide test trial track book list sign display update film label share save switch start stop
  hold offer refund reply upgrade return transfer
`);

/** Verbs of getting in touch: "reports a missing item" is a step, whatever the item's problem. */
export const CONTACT_VERBS = set(`
  reports calls rings phones emails messages contacts asks chats raises flags tells writes
  tweets posts complains
`);

/** Words skipped when looking for the word a note opens with ("so", "felt", "really", "pleasantly"). */
export const LEAD_SKIP = set(`
  so really very pleasantly genuinely honestly just quite a bit totally absolutely i i'm im we
  we're was were am been feel feels feeling felt super massively well properly ever actually
  kind of kinda
`);

/** Comparatives that open a proposal: "Clearer wording", "Fewer steps", "Better signage". */
export const BETTER = set(`
  better clearer simpler easier faster quicker shorter fewer cheaper smarter friendlier bigger
  larger plainer kinder earlier more less
`);

/** Feeling words that also name things when a noun follows ("welcome pack", "safe space"). */
export const ATTRIBUTIVE_FEELINGS = set(`
  welcome relief comfort secure safe happy positive trust interest hope joy pride excitement
  delight
`);
