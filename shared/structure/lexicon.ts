/**
 * General English word lists the rules use. They describe how people write sticky notes in any
 * customer-journey workshop (feelings, problems, proposals, channels), not any one industry.
 * Words are matched against lower-cased tokens and their lemmas.
 */

const set = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/** Verbs a team uses to propose a change ("add a progress bar", "offer a call back"). */
export const PROPOSAL_VERBS = set(`
  add allow apply automate filter hand match auto-save autosave accept ask build bundle cap centralise centralize change
  clarify combine consider consolidate create cut default detect display drop email enable explain
  extend feature film follow generate give guarantee help hide highlight hire hold improve include
  introduce integrate invest keep open swap label launch let limit list lock make merge move narrow notify nudge
  offer partner personalise personalize pilot pre-fill prefill prioritise prioritize promote provide
  publish put redesign reduce refund remind remove reorder replace reply respond rewrite run save
  say send separate share show shorten simplify skip split standardise standardize start stop
  streamline support surface switch take target tell test text throw train trial try turn unlock
  update upgrade use waive warn confirm pair assign flag schedule translate compensate credit
  apologise apologize alert rename reword promise
`);

/** Openers that mark a note as the team's idea. */
export const IDEA_MARKERS = set(`idea idea: hmw opportunity opp quick-win suggestion proposal 💡`);

/** Words that start a question. */
export const QUESTION_STARTERS = set(`
  is are am was were do does did will would can could should shall have has what which when where
  why how who whose whom
`);

/** Modal verbs that carry a team proposal when the subject is "we" ("we should ..."). */
export const MODALS = set(`should could can must need needs might may would ought`);

/** First-person singular: the customer's own voice. */
export const FIRST_PERSON = set(`i i'm im me my mine myself i've i'll i'd`);

/** Feeling words: adjectives, participles and idioms that name a state of mind. */
export const FEELINGS_POS = set(`
  happy glad pleased delighted relieved excited thrilled curious intrigued hopeful optimistic keen
  eager confident reassured calm relaxed content satisfied grateful thankful proud impressed amazed
  comfortable safe secure settled cosy cozy comfy chuffed stoked buzzing giddy elated ecstatic joyful
  pumped psyched loving chilled carefree upbeat hyped blissful smitten fulfilled accomplished
  cheerful enthusiastic motivated inspired valued welcome welcomed cared respected positive
  interested surprised dreamy smug empowered energised energized lucky loved delight relief joy
  excitement hope pride gratitude trust trusting in-control overjoyed heartened touched appreciated
  reassuring uplifted refreshed rested relaxing
`);

export const FEELINGS_NEG = set(`
  anxious nervous worried stressed stressful frustrated annoyed angry furious irritated upset sad
  disappointed confused lost overwhelmed impatient bored tired exhausted fed scared afraid frightened
  uneasy uncomfortable unsure hesitant sceptical skeptical suspicious doubtful insecure embarrassed
  ashamed guilty helpless powerless ignored abandoned betrayed cheated misled fobbed gutted devastated
  livid fuming jittery antsy apprehensive torn undecided uncertain dubious wary alone isolated
  neglected rushed pressured pressure panicky panicked panic dread dreading fear worry confusion
  frustration anger disappointment stress annoyance meh ugh meh, resigned drained defeated
  dismayed shocked horrified let-down humiliated invisible intimidated daunted disheartened discouraged
  tearful teary heartbroken miserable unhappy bewildered baffled perplexed puzzled flustered
  frazzled distraught distressed mortified outraged exasperated resentful trapped patronised
  patronized belittled judged unwelcome unwanted hopeless desperate fearful terrified petrified
  anxiety nerves shaken weary deflated flat fragile vulnerable nervy edgy jumpy twitchy tense restless fidgety demotivated self-conscious out-of-place lonely homesick grumpy cross miffed peeved
`);

/** Words for how strongly something is felt. */
export const INTENSIFIERS = set(`
  very really so sooo soooo super extremely massively totally utterly completely absolutely well
  proper properly incredibly hugely seriously genuinely truly deeply af mega hella insanely
  ridiculously thoroughly majorly
`);
export const SOFTENERS = set(`bit slightly somewhat quite kinda kind sorta fairly little mildly rather pretty`);

/** Problem, failure and friction words ("error", "lost", "hidden", "declined"). */
export const PROBLEM_WORDS = set(`
  error errors fail fails failed failing failure broken break breaks crash crashes crashed bug bugs
  buggy glitch glitchy lost lose loses losing wrong missing missed miss late delay delayed delays
  slow slowly stuck hidden hide buried confusing confused unclear jargon rejected reject rejects
  declined decline blocked block locked lockout spam junk reset resets timeout timed expire expired
  expires loop loops looping wiped deleted cancelled canceled overcharged charged charge charges fee
  fees cost costs expensive pricey dear overpriced hassle pain painful nightmare mess messy clunky
  awkward impossible difficult hard tricky complicated complex lengthy long endless repeat repeated
  again twice overload overloaded spammy annoying frustrating useless unhelpful rude ignored ignore
  ignores unanswered disconnected dropped drop-off dropoff abandon abandoned abandonment complaint
  complaints complain complains problem problems issue issues fault faulty damaged damage defect
  defective mangles mangled garbled wait waiting waited queue queued hold chase chased chasing
  unreachable unavailable outage down offline forgot forgotten forgets lag laggy freeze froze frozen
  crashed stolen fraud scam dispute penalty penalties fine fines overdue bounce bounced sagging
  leak leaks leaking tear torn ripped scratched dent dented cold rude inconsistent contradictory
  conflicting duplicate duplicated manual manually paper paperwork forms no-show noshow shortage
  sold-out full booked-up unreadable illegible tiny small-print fine-print buried surprise surprised
  shock unexpected hike hikes increased increase went mismatch mismatched inaccurate incorrect
  jumped doubled tripled soared rocketed spiked
  invalid denied refused refuse refuses restrictive strict limited limit limits cap capped
  only just even still yet never nobody noone nothing none zero without lack lacks lacking
  waste wasted wasting gave give-up struggle struggles struggled confusing confuse confuses worse worst bad poor terrible
  awful horrible dreadful
`);

/** Time and effort units: "40 min on hold", "5 days", "3 times" read as friction. */
export const DURATION_UNITS = set(`
  sec secs second seconds min mins minute minutes hr hrs hour hours day days wk wks week weeks
  month months mth mths yr yrs year years times x clicks click steps pages calls attempts tries goes
  emails
`);

/** Nouns for channels, artefacts and people the organisation puts in front of the customer. */
export const TOUCHPOINT_NOUNS = set(`
  email emails e-mail newsletter sms text texts message messages notification notifications notif
  notifs push alert alerts letter letters post leaflet flyer brochure catalogue catalog lookbook
  booklet pack packet kit card cards invoice receipt reciept statement statements bill contract
  terms t&cs faq faqs page pages site website web webpage homepage portal app apps screen screens
  form forms calendar checklist dashboard tracker tracking widget bot chatbot chat livechat
  live-chat inbox helpline hotline phone line call centre center desk counter kiosk reception
  branch store shop showroom office clinic lobby ad ads advert adverts advertisement billboard
  banner commercial video videos demo webinar tour tutorial guide article blog podcast review
  reviews listing listings comparison grid configurator calculator quiz survey voucher coupon code
  codes qr label sign signage map agent advisor adviser rep representative consultant manager
  driver courier crew technician engineer installer nurse receptionist staff assistant team host
  concierge salesperson cashier bubble popup pop-up modal banner sidebar menu button link
  confirmation reminder reminders welcome onboarding check-in appointment session meeting call
  visit instagram facebook tiktok youtube linkedin twitter pinterest whatsapp social forum
  community slack intercom ivr voicemail update updates pack
`);

/** Words a note may open with that say nothing about its kind. */
export const FILLERS = set(`- – — * • > ok okay oh ooh hmm hm um uh well so right lol tbh ngl honestly`);

/** Positive outcome words that lift a thought or action ("finally", "saves me", "better"). */
export const GOOD_WORDS = set(`
  better best great love loved loving nice easy easier quick quicker fast faster smooth simple
  finally saves saved saving helpful brilliant amazing awesome perfect excellent fantastic wonderful
  good lovely cool neat impressive impressed recommend recommends recommended worth works worked
  sorted solved fixed free bonus
`);

/** Worry words for thoughts ("will it bounce?", "is it safe?"). */
export const WORRY_WORDS = set(`
  wait waiting longer late delay delayed
  safe trick catch scam risk risky hope hopefully worried worry afraid mark bounce bounced forgotten
  forget wrong enough fit lose lost miss missed late hidden extra afford expensive too really
  actually even trust
`);
