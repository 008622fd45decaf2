/**
 * General customer-journey vocabulary: the phases most journeys pass through, in their usual
 * order, with words that signal each. Used to match a note to a stage when they share no word
 * ("reads reviews" belongs with a stage called "Consideration"). Nothing here is specific to one
 * industry; words are lemmas (or two-word phrases of lemmas).
 */

export interface Phase {
  id: string;
  /** Where the phase usually sits in a journey, 0 (first contact) .. 1 (after-life, advocacy). */
  at: number;
  words: string[];
}

const w = (s: string): string[] =>
  s
    .trim()
    .split(/\s*,\s*|\n\s*/)
    .filter(Boolean);

export const PHASES: Phase[] = [
  {
    id: 'aware',
    at: 0,
    words: w(
      `aware, awareness, hear, notice, discover, discovery, ad, advert, advertising, campaign, billboard, leaflet, flyer, poster, social, instagram, tiktok, facebook, youtube, pinterest, promo, promotion, inspire, inspiration, idea, realise, realize, trigger, influencer, word of mouth, tv, radio, newsletter, first hear, spot, attract, interest, dream, need`,
    ),
  },
  {
    id: 'research',
    at: 0.18,
    words: w(
      `research, compare, comparison, consider, consideration, option, browse, search, google, explore, shortlist, evaluate, evaluation, price, pricing, cost, plan, quote, cover, catalogue, brochure, demo, filter, size, vs, versus, alternative, forum, trustpilot, read, look around, look at, deal, offer, availability, check price`,
    ),
  },
  {
    id: 'decide',
    at: 0.35,
    words: w(`decide, decision, choose, choice, pick, select, commit, sign up, register, registration, create
      account, account, join, trial, convince, persuade, approve, go for, settle on`),
  },
  {
    id: 'buy',
    at: 0.45,
    words:
      w(`apply, application, form, order, buy, purchase, basket, cart, checkout, pay, payment, card, finance, book, booking, contract, deposit, discount, voucher, code, price
      match, invoice, billing, sign, signature, fill in, submit, confirm, confirmation, upgrade`),
  },
  {
    id: 'verify',
    at: 0.5,
    words: w(
      `verify, verification, identity, id, passport, proof, document, credit check, approval, approve, review, check, licence, license, reference, eligibility, eligible, assess, assessment`,
    ),
  },
  {
    id: 'wait',
    at: 0.6,
    words: w(
      `wait, waiting, delivery, deliver, dispatch, ship, shipping, track, tracking, courier, driver, parcel, package, arrive, arrival, slot, lead time, delay, status, update, eta, estimate, pending, progress, install, installation, engineer, technician, fit, packaging, collect, pick up`,
    ),
  },
  {
    id: 'onboard',
    at: 0.62,
    words: w(
      `setup, set up, install, activate, activation, onboard, onboarding, welcome, invite, switch, transfer, login, log in, password, tutorial, tour, get start, profile, download, first, start, begin, learn, training, guide, instruction, manual, colleague, team`,
    ),
  },
  {
    id: 'visit',
    at: 0.62,
    words: w(
      `travel, parking, park, reception, check in, desk, kiosk, queue, direction, bus, taxi, train, signage, sign, map, find, entrance, lift, building, room, arrive, arrival, lobby, front desk`,
    ),
  },
  {
    id: 'service',
    at: 0.7,
    words: w(
      `consultation, consultant, doctor, nurse, specialist, advisor, adviser, appointment, meeting, session, visit, exam, examination, test, scan, treatment, diagnosis, procedure, service, staff, explain, explanation, question, listen`,
    ),
  },
  {
    id: 'use',
    at: 0.78,
    words: w(
      `use, usage, daily, everyday, routine, feature, habit, weekly, month, experience, live, life, care, clean, quality, speed, bill, statement, balance, dashboard, report, value, save, benefit, enjoy, comfort, comfortable, app`,
    ),
  },
  {
    id: 'support',
    at: 0.8,
    words: w(
      `support, help, helpline, call, chat, complaint, complain, issue, problem, fix, repair, return, refund, faulty, broken, damage, agent, contact, ticket, fault, outage, replacement, warranty, claim, dispute, escalate, resolve`,
    ),
  },
  {
    id: 'follow',
    at: 0.86,
    words: w(
      `follow up, follow, result, next, after, aftercare, check up, recovery, letter, later, outcome, next step, summary, reminder`,
    ),
  },
  {
    id: 'renew',
    at: 0.92,
    words: w(
      `renew, renewal, retain, retention, repeat, reorder, loyalty, loyal, upgrade, cancel, cancellation, leave, churn, subscription, end, ending, expire, expiry, price rise, increase, again, regular, recurring, second, another, more, add, grow, extend, stay, switch away`,
    ),
  },
  {
    id: 'advocate',
    at: 1,
    words: w(
      `recommend, recommendation, refer, referral, review, rating, rate, share, tell, friend, advocacy, advocate, testimonial, post, photo, pic, nps, feedback, survey, star, trustpilot, word of mouth, brag, show off, tag, warn, colleague, sister, brother, mum, family, neighbour, proud, praise, reputation`,
    ),
  },
];

/** lemma or "lemma lemma" phrase -> indexes into PHASES. */
export const PHASE_INDEX: ReadonlyMap<string, number[]> = (() => {
  const m = new Map<string, number[]>();
  PHASES.forEach((p, i) => {
    for (const word of p.words) {
      const k = word.toLowerCase();
      const list = m.get(k) ?? [];
      if (!list.includes(i)) list.push(i);
      m.set(k, list);
    }
  });
  return m;
})();
