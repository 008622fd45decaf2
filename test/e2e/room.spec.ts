// Issue 14, the room, end to end in web mode: three phone-sized pages (360 x 740) join the room
// the facilitator opened from the map bar, over 127.0.0.1 (the fixture starts web mode with
// --room-bind), and the facilitator's page follows: join with the PIN, notes in a silent
// brainstorm (face down on the facilitator's board; edited and withdrawn), Reveal, dot voting,
// emotion scores (the curve takes the room's mean and spread), Done, and closing the room (the
// phones are told; their tokens are void). Also the phone page at 360 px under axe, light and dark.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext } from '@playwright/test';
import { mapStageEmotions, roomScoresOf } from '../../shared/journey/emotion';
import type { JourneyMap } from '../../shared/domain';
import type { RoomStatus } from '../../shared/room/contract';
import { boardReady, expect, test, type Page } from './fixtures';

interface Phone {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors, with the address they came from. */
  errors: { text: string; url: string }[];
}

/** A phone: its own browser context (its own localStorage), 360 x 740, touch. */
async function openPhone(
  browser: Browser,
  name: string,
  url: string,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<Phone> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    colorScheme,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const errors: Phone['errors'] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push({ text: msg.text(), url: msg.location().url });
  });
  page.on('pageerror', (err) => errors.push({ text: `page error: ${err.message}`, url: '' }));
  await page.goto(url);
  return { name, context, page, errors };
}

async function join(phone: Phone, pin: string, name = phone.name): Promise<void> {
  const p = phone.page;
  await p.getByLabel('PIN').fill(pin);
  await p.getByLabel('Your name').fill(name);
  await p.getByRole('button', { name: 'Join' }).click();
  await expect(p.getByTestId('phone-step')).toBeVisible();
}

async function addNote(phone: Phone, text: string, stage?: string): Promise<void> {
  const p = phone.page;
  await p.getByLabel('Note', { exact: true }).fill(text);
  if (stage) await p.getByLabel('Stage').selectOption({ label: stage });
  await p.getByRole('button', { name: 'Add note' }).click();
  await expect(p.getByLabel('Note', { exact: true })).toHaveValue('');
}

const myNote = (phone: Phone, text: string) => phone.page.getByTestId('my-note').filter({ hasText: text });

async function openMap(page: Page, url: string, mapId: string): Promise<void> {
  const u = new URL(url);
  u.hash = `#/map/${mapId}`;
  await page.goto(u.href);
  await boardReady(page);
}

interface HookNote {
  id: string;
  text: string;
  faceDown?: boolean;
}
const boardNotes = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __journeyboardBoard: { notes(): HookNote[] } }).__journeyboardBoard.notes(),
  );
const emotionY = (page: Page, stageId: string) =>
  page.evaluate(
    (id) =>
      (
        window as unknown as { __journeyboardBoard: { emotionPoint(id: string): { y: number } | null } }
      ).__journeyboardBoard.emotionPoint(id)?.y ?? null,
    stageId,
  );

/** The participant token a phone keeps (to show it is void once the room closed). */
const tokenOf = (phone: Phone) =>
  phone.page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (key.includes('.session:')) return (JSON.parse(localStorage.getItem(key)!) as { token: string }).token;
    }
    return null;
  });

/** What a phone logged that a test did not provoke on purpose. */
function unexpected(phone: Phone, allowed: RegExp[] = []): string[] {
  return phone.errors
    .filter((e) => !allowed.some((r) => r.test(`${e.text} ${e.url}`)))
    .map((e) => `${phone.name}: ${e.text} (${e.url})`);
}

test('three phones join with the PIN, write in silence, vote, score emotions, mark done, and are told when the room closes', async ({
  app,
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const map = await app.call<{
    id: string;
    stages: { id: string; name: string }[];
    lanes: { id: string; kind: string }[];
  }>('maps.create', {
    title: 'Claims journey',
    template: 'blank',
  });
  expect(map.stages.length).toBeGreaterThanOrEqual(2);
  const [stageA, stageB] = [map.stages[0]!, map.stages[1]!];
  const painLane = map.lanes.find((l) => l.kind === 'pain_points')!;
  const workshop = await app.call<{ steps: { id: string; title: string; activity: string; silent: boolean }[] }>(
    'workshop.get',
    { mapId: map.id },
  );
  const pains = workshop.steps.find((s) => s.activity === 'brainstorm' && s.silent)!;
  const emotions = workshop.steps.find((s) => s.activity === 'emotion')!;
  expect(pains, 'the default agenda has a silent brainstorm').toBeTruthy();

  // The facilitator's page, on the silent brainstorm step: Open room (map bar), read the address and PIN.
  await app.call('workshop.start', { mapId: map.id, stepId: pains.id });
  await openMap(page, app.url, map.id);
  await page.getByRole('button', { name: 'Open room', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Room for phones' });
  await dialog.getByRole('button', { name: 'Open room', exact: true }).click();
  await expect(dialog.getByTestId('room-pin')).toHaveAttribute('data-pin', /^\d{6}$/);
  const pin = (await dialog.getByTestId('room-pin').getAttribute('data-pin'))!;
  await expect(dialog.getByTestId('room-address')).toHaveText(/^127\.0\.0\.1:\d+$/);
  const room = { url: `http://${await dialog.getByTestId('room-address').textContent()}/` };
  expect(await app.call<RoomStatus>('room.status', {})).toMatchObject({
    open: true,
    mapId: map.id,
    pin,
    url: room.url,
  });
  await dialog.getByRole('button', { name: 'Hide', exact: true }).click();

  // 1. Join with the PIN. A wrong PIN first is refused with the server's sentence.
  const ana = await openPhone(browser, 'Ana', room.url);
  const ben = await openPhone(browser, 'Ben', room.url);
  const caro = await openPhone(browser, 'Caro', room.url);
  const phones = [ana, ben, caro];
  const wrong = pin === '000000' ? '111111' : '000000';
  await ana.page.getByLabel('PIN').fill(wrong);
  await ana.page.getByLabel('Your name').fill('Ana');
  await ana.page.getByRole('button', { name: 'Join' }).click();
  await expect(ana.page.getByTestId('join-error')).not.toBeEmpty();
  await expect(ana.page.getByTestId('phone-step')).toHaveCount(0);
  for (const phone of phones) await join(phone, pin);
  for (const phone of phones) {
    await expect(phone.page.getByRole('heading', { level: 1 })).toHaveText('Claims journey');
    await expect(phone.page.getByTestId('phone-step')).toContainText(pains.title);
    await expect(phone.page.getByRole('timer', { name: new RegExp(pains.title) })).toBeVisible();
    await expect(phone.page.getByTestId('done-count')).toHaveText('0 of 3 done');
  }
  await expect(page.getByTestId('room-button')).toContainText('3 joined');

  // 2. Notes in silence, from the phones: each in the pain points lane, face down.
  await addNote(ana, 'Hold music for twenty minutes', stageB.name);
  await addNote(ana, 'The form forgets what I typed');
  await addNote(ben, 'Nobody says what happens next', stageA.name);
  await addNote(caro, 'Claim number only by post', stageB.name);
  for (const [phone, text] of [
    [ana, 'Hold music for twenty minutes'],
    [ana, 'The form forgets what I typed'],
    [ben, 'Nobody says what happens next'],
    [caro, 'Claim number only by post'],
  ] as const) {
    await expect(myNote(phone, text)).toHaveAttribute('data-status', 'sent');
    await expect(myNote(phone, text)).toContainText('face down until revealed');
  }
  await expect(myNote(ana, 'Hold music for twenty minutes')).toContainText(`In “${stageB.name}”`);

  // A phone that loses the network keeps its note and sends it when it is back: stored once.
  await ben.context.setOffline(true);
  await addNote(ben, 'Letters use words I do not know');
  await expect(myNote(ben, 'Letters use words I do not know')).toHaveAttribute('data-status', 'sending');
  await ben.context.setOffline(false);
  await ben.page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(myNote(ben, 'Letters use words I do not know')).toHaveAttribute('data-status', 'sent');

  // A reload (or a phone waking up) resumes without joining again.
  await caro.page.reload();
  await expect(caro.page.getByTestId('phone-step')).toContainText(pains.title);
  await expect(myNote(caro, 'Claim number only by post')).toBeVisible();

  // Their own notes can be edited and withdrawn while the step lasts.
  await addNote(caro, 'Waiting for a call back');
  await expect(myNote(caro, 'Waiting for a call back')).toHaveAttribute('data-status', 'sent');
  await caro.page.getByRole('button', { name: 'Edit: Waiting for a call back' }).click();
  await caro.page.getByLabel('Edit note').fill('Waiting two weeks for a call back');
  await caro.page.getByRole('button', { name: 'Save' }).click();
  await expect(myNote(caro, 'Waiting two weeks for a call back')).toHaveAttribute('data-status', 'sent');
  await expect
    .poll(async () =>
      (await app.call<JourneyMap>('maps.get', { id: map.id })).notes
        .filter((n) => n.text.startsWith('Waiting'))
        .map((n) => n.text),
    )
    .toEqual(['Waiting two weeks for a call back']);
  await caro.page.getByRole('button', { name: 'Withdraw: Waiting two weeks for a call back' }).click();
  await caro.page
    .getByRole('group', { name: /^Withdraw “Waiting two weeks/ })
    .getByRole('button', { name: 'Withdraw', exact: true })
    .click();
  await expect(myNote(caro, 'Waiting two weeks')).toHaveCount(0);
  await expect
    .poll(
      async () =>
        (await app.call<JourneyMap>('maps.get', { id: map.id })).notes.filter((n) => n.text.startsWith('Waiting'))
          .length,
    )
    .toBe(0);

  // The store: participants' notes, author = the participant, in the lane, face down, each once.
  const fromPhones = [
    'Hold music for twenty minutes',
    'The form forgets what I typed',
    'Nobody says what happens next',
    'Claim number only by post',
    'Letters use words I do not know',
  ];
  const stored = await app.call<JourneyMap>('maps.get', { id: map.id });
  const phoneNotes = stored.notes.filter((n) => fromPhones.includes(n.text));
  expect(phoneNotes.map((n) => n.text).sort()).toEqual([...fromPhones].sort());
  const people = new Map(stored.participants.map((p) => [p.id, p.name]));
  expect(phoneNotes.map((n) => [n.text, people.get(n.participantId!), n.author, n.laneId, n.faceDown]).sort()).toEqual(
    [
      ['Hold music for twenty minutes', 'Ana', 'Ana', painLane.id, true],
      ['The form forgets what I typed', 'Ana', 'Ana', painLane.id, true],
      ['Nobody says what happens next', 'Ben', 'Ben', painLane.id, true],
      ['Claim number only by post', 'Caro', 'Caro', painLane.id, true],
      ['Letters use words I do not know', 'Ben', 'Ben', painLane.id, true],
    ].sort(),
  );
  expect(phoneNotes.find((n) => n.text === 'Hold music for twenty minutes')!.stageId).toBe(stageB.id);

  // The facilitator's board has them, live, face down.
  await expect
    .poll(async () => (await boardNotes(page)).filter((n) => fromPhones.includes(n.text) && n.faceDown).length, {
      message: 'phone notes face down on the board',
    })
    .toBe(5);

  // 3. Reveal, from the facilitator's page: the phones' notes are face up.
  await expect(page.getByTestId('reveal')).toHaveText('Reveal (5)');
  await page.getByTestId('reveal').click();
  await expect
    .poll(async () => (await boardNotes(page)).filter((n) => fromPhones.includes(n.text) && n.faceDown).length)
    .toBe(0);
  await expect(myNote(ana, 'Hold music for twenty minutes')).not.toContainText('face down');

  // 4. Vote: a round on pain points, two dots each.
  const round = await app.call<{ id: string; status: string }>('rounds.create', {
    mapId: map.id,
    title: 'Which pain points hurt most?',
    target: 'pain_point',
    dots: 2,
  });
  expect(round.status).toBe('open');
  const vote = async (phone: Phone, text: string, how: 'Add a dot to' | 'Take back a dot from') => {
    const before = await phone.page.getByTestId('dots-left').textContent();
    await phone.page.getByRole('button', { name: `${how}: ${text}` }).click();
    await expect(phone.page.getByTestId('dots-left')).not.toHaveText(before!);
  };
  for (const phone of phones) {
    await expect(phone.page.getByTestId('phone-vote')).toContainText('Which pain points hurt most?');
    await expect(phone.page.getByTestId('dots-left')).toHaveText('2 of 2 dots left');
    await expect(phone.page.getByTestId('candidate')).toHaveCount(5);
  }
  await vote(ana, 'Hold music for twenty minutes', 'Add a dot to');
  await vote(ana, 'Nobody says what happens next', 'Add a dot to');
  await expect(ana.page.getByTestId('dots-left')).toHaveText('0 of 2 dots left');
  await vote(ben, 'Hold music for twenty minutes', 'Add a dot to');
  await vote(ben, 'Claim number only by post', 'Add a dot to');
  await vote(ben, 'Claim number only by post', 'Take back a dot from');
  await expect(ben.page.getByTestId('dots-left')).toHaveText('1 of 2 dots left');
  await vote(caro, 'Hold music for twenty minutes', 'Add a dot to');
  // One dot per note in this round: the + for it is off once used.
  await expect(caro.page.getByRole('button', { name: 'Add a dot to: Hold music for twenty minutes' })).toBeDisabled();
  await app.call('rounds.close', { id: round.id });
  for (const phone of phones) {
    const results = phone.page.getByTestId('phone-results');
    await expect(results).toBeVisible();
    await expect(results.getByRole('listitem').first()).toHaveText('3 dots Hold music for twenty minutes');
    await expect(phone.page.getByTestId('phone-vote')).toHaveCount(0);
  }
  const results = await app.call<{ noteId: string; votes: number }[]>('rounds.results', { id: round.id });
  const holdMusic = phoneNotes.find((n) => n.text === 'Hold music for twenty minutes')!.id;
  expect(results.find((r) => r.noteId === holdMusic)).toMatchObject({ votes: 3 });

  // 5. Emotions: each phone scores two stages with the faces.
  await app.call('workshop.start', { mapId: map.id, stepId: emotions.id });
  const scores: [Phone, string, string][] = [
    [ana, stageA.name, 'Very positive'],
    [ben, stageA.name, 'Positive'],
    [caro, stageA.name, 'Neutral'],
    [ana, stageB.name, 'Very negative'],
    [ben, stageB.name, 'Negative'],
    [caro, stageB.name, 'Very negative'],
  ];
  for (const [phone, stage, face] of scores) {
    const group = phone.page.getByRole('group', { name: stage });
    await group.getByText(face, { exact: true }).click();
    await expect(group.getByRole('radio', { name: face, exact: true })).toBeChecked();
  }
  // Scoring again replaces: Ben changes his mind about the first stage, and back.
  await ben.page.getByRole('group', { name: stageA.name }).getByText('Very negative', { exact: true }).click();
  await expect(
    ben.page.getByRole('group', { name: stageA.name }).getByRole('radio', { name: 'Very negative', exact: true }),
  ).toBeChecked();
  await ben.page.getByRole('group', { name: stageA.name }).getByText('Positive', { exact: true }).click();
  await expect(
    ben.page.getByRole('group', { name: stageA.name }).getByRole('radio', { name: 'Positive', exact: true }),
  ).toBeChecked();

  // The store has one score per person and stage; the curve takes the room's mean, with the spread and n.
  const scored = await app.call<JourneyMap>('maps.get', { id: map.id });
  expect(roomScoresOf(scored)).toHaveLength(6);
  const curve = mapStageEmotions(scored.stages, scored.notes, roomScoresOf(scored));
  const a = curve.find((e) => e.stageId === stageA.id)!;
  const b = curve.find((e) => e.stageId === stageB.id)!;
  expect(a).toMatchObject({
    source: 'room',
    score: 1,
    room: { n: 3, mean: 1, min: 0, max: 2, band: 'range', low: 0, high: 2 },
  });
  expect(b.source).toBe('room');
  expect(b.score).toBeCloseTo(-5 / 3);
  expect(b.room).toMatchObject({ n: 3, min: -2, max: -1 });
  // The facilitator's board draws the curve through the room's means, live: stage A above stage B.
  await expect
    .poll(async () => {
      const [ya, yb] = [await emotionY(page, stageA.id), await emotionY(page, stageB.id)];
      return ya !== null && yb !== null && ya < yb;
    })
    .toBe(true);

  // The reading view says the same in words: the room's mean, its spread and n, for each stage.
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.getByRole('button', { name: 'Reading view' }).click();
  const reading = page.getByTestId('reading-view');
  await expect(reading.getByText('Room: mean +1 (0 to +2), n = 3', { exact: true })).toBeVisible();
  await expect(reading.getByText('Room: mean −1.7 (−2 to −1), n = 3', { exact: true })).toBeVisible();
  await reading.getByRole('button', { name: 'Back to board' }).click();
  await expect(reading).toBeHidden();

  // Done: "n of m done", no names, and it can be undone.
  await ana.page.getByRole('button', { name: 'Mark as done' }).click();
  await expect(ana.page.getByTestId('done-toggle')).toHaveAttribute('aria-pressed', 'true');
  await ben.page.getByRole('button', { name: 'Mark as done' }).click();
  for (const phone of phones) await expect(phone.page.getByTestId('done-count')).toHaveText('2 of 3 done');
  await ana.page.getByTestId('done-toggle').click();
  for (const phone of phones) await expect(phone.page.getByTestId('done-count')).toHaveText('1 of 3 done');
  await expect
    .poll(async () => (await app.call<RoomStatus>('room.status', {})).done)
    .toMatchObject({ stepId: emotions.id, done: 1, of: 3 });

  // 6. Close the room (map bar, after the confirmation): every phone is told, and its token is void.
  const oldToken = await tokenOf(ana);
  expect(oldToken).toBeTruthy();
  await page.getByTestId('room-button').click();
  await expect(dialog.getByTestId('room-done')).toHaveText('1 of 3 done');
  await dialog.getByRole('button', { name: 'Close room', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Close the room?' })
    .getByRole('button', { name: 'Close room', exact: true })
    .click();
  for (const phone of phones) {
    await expect(phone.page.getByTestId('room-closed')).toBeVisible();
    await expect(phone.page.getByRole('button', { name: 'Join' })).toBeVisible();
    expect(await tokenOf(phone)).toBeNull();
  }
  expect((await app.call<RoomStatus>('room.status', {})).open).toBe(false);
  // A room opened again does not know the old token.
  const again = await app.call<RoomStatus>('room.open', { mapId: map.id });
  const res = await fetch(new URL('/api/state', again.url!), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${oldToken}` },
    body: '{}',
  });
  expect(res.status).toBe(401);
  await app.call('room.close', {});

  // Nothing went wrong on the phones beyond what the test provoked: the wrong PIN's 401, Ben's offline minute.
  const allowed = [/\/join\b.*401|401.*\/join\b/, /Failed to load resource.*\/join/, /ERR_INTERNET_DISCONNECTED/];
  expect(phones.flatMap((p) => unexpected(p, allowed))).toEqual([]);
  for (const phone of phones) await phone.context.close();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the phone page at 360 px has no serious or critical axe violations, ${theme} theme (following the OS)`, async ({
    app,
    browser,
  }) => {
    test.setTimeout(120_000);
    const map = await app.call<{ id: string; stages: { id: string; name: string }[] }>('maps.create', {
      title: 'Claims journey',
      template: 'blank',
    });
    const workshop = await app.call<{ steps: { id: string; activity: string }[] }>('workshop.get', { mapId: map.id });
    const emotion = workshop.steps.find((s) => s.activity === 'emotion')!;
    await app.call('workshop.start', { mapId: map.id, stepId: emotion.id });
    const room = await app.call<RoomStatus>('room.open', { mapId: map.id });
    const phone = await openPhone(browser, 'Ana', room.url!, theme);
    const check = async (where: string) => {
      const results = await new AxeBuilder({ page: phone.page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const report = bad.map(
        (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`,
      );
      expect(report, `${where} in the ${theme} theme`).toEqual([]);
    };
    // The page follows the OS theme.
    const bg = await phone.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(bg).toBe(theme === 'dark' ? 'rgb(21, 23, 27)' : 'rgb(246, 247, 249)');
    await check('join');

    await join(phone, room.pin!);
    await app.call('rounds.create', { mapId: map.id, title: 'Which pain points hurt most?', target: 'any', dots: 3 });
    await addNote(phone, 'Hold music for twenty minutes');
    await expect(myNote(phone, 'Hold music for twenty minutes')).toHaveAttribute('data-status', 'sent');
    await expect(
      phone.page.getByTestId('candidate').filter({ hasText: 'Hold music for twenty minutes' }),
    ).toBeVisible();
    await phone.page.getByRole('group', { name: map.stages[0]!.name }).getByText('Positive', { exact: true }).click();
    await expect(phone.page.getByTestId('phone-emotions')).toBeVisible();
    // Nothing wider than the phone: no sideways scrolling at 360 px.
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Every control is a thumb's size.
    const small = await phone.page.evaluate(() =>
      [...document.querySelectorAll('button, input:not([type=radio]), select, textarea, label.face-choice')]
        .map((el) => ({
          el: (el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 30),
          h: el.getBoundingClientRect().height,
        }))
        .filter((x) => x.h > 0 && x.h < 44),
    );
    expect(small).toEqual([]);
    await check('room');
    await app.call('room.close', {});
    await expect(phone.page.getByTestId('room-closed')).toBeVisible();
    await check('closed');
    expect(unexpected(phone)).toEqual([]);
    await phone.context.close();
  });
}
