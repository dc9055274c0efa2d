// SPDX-License-Identifier: GPL-3.0-or-later
// Makes the reference review histories that tests/test-fsrs.c and
// tests/test-cli.sh replay through Rehearse's FSRS-6 scheduler, with ts-fsrs
// (the reference implementation, pinned in package.json) computing what each
// review must give. Test tooling only; Rehearse never runs JavaScript.
//
//   cd tests/data/fsrs && npm ci && node generate.mjs
//
// Everything is drawn from a seeded generator, so running it again with the
// same ts-fsrs writes the same files byte for byte. Each line is one card:
//   {"start": ISO, "parameters": {…} (ts-fsrs's, where not the defaults),
//    "reviews": [{"t": ISO, "grade": 1-4}, …],
//    "expected": [{"due": ISO, "stability": x, "difficulty": y,
//                  "scheduled_days": n, "state": 0-3, "learning_steps": k,
//                  "elapsed_days": e, "reps": r, "lapses": l}, …]}
// "expected" holds ts-fsrs's card after each review. The "start" and
// "reviews" members are the input of `rehearse-cli fsrs-replay`.

import { writeFileSync } from 'node:fs'
import { createEmptyCard, default_w, fsrs } from 'ts-fsrs'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

// mulberry32: small, seeded, and the same in every JavaScript engine.
function seeded (seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = seeded(20221129)
const between = (low, high) => low + Math.floor(random() * (high - low + 1))
const pick = (items) => items[Math.floor(random() * items.length)]

// Again is common enough to exercise lapses and relearning; Good dominates
// as it does in real review logs.
function randomGrade () {
  const x = random()
  return x < 0.18 ? 1 : x < 0.33 ? 2 : x < 0.85 ? 3 : 4
}

// When the user comes back: on time, early, late (a little or a lot), a few
// seconds later, or just either side of midnight UTC, where the whole
// calendar days between two reviews change.
function nextReviewTime (card, last) {
  const due = card.due.getTime()
  const wait = Math.max(due - last, MINUTE)
  const x = random()

  if (x < 0.32)
    return due
  if (x < 0.52)
    return last + Math.floor(random() * wait)
  if (x < 0.77)
    return due + Math.floor(random() * Math.max(wait * 1.5, DAY))
  if (x < 0.82)
    return due + Math.floor(random() * 3 * 365 * DAY)
  if (x < 0.90)
    return last + between(0, 120) * 1000 + between(0, 999)
  const midnight = Math.ceil(Math.max(due, last + 1) / DAY) * DAY
  return Math.max(last, midnight + between(-30, 30) * MINUTE + between(0, 999))
}

const iso = (time) => new Date(time).toISOString()

function cardAfter (card) {
  return {
    due: iso(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduled_days: card.scheduled_days,
    state: card.state,
    learning_steps: card.learning_steps,
    elapsed_days: card.elapsed_days,
    reps: card.reps,
    lapses: card.lapses,
  }
}

function history (scheduler, parameters) {
  // Between 2020 and 2026, at any millisecond.
  const start = Date.UTC(2020, 0, 1) + Math.floor(random() * 6 * 365 * DAY)
  const count = between(1, 16)
  const reviews = []
  const expected = []
  let card = createEmptyCard(new Date(start))
  let time = start + Math.floor(random() * 2 * HOUR)

  // Far-future reviews stop a history: GDateTime ends at year 9999.
  for (let i = 0; i < count && time < Date.UTC(2400, 0, 1); i++) {
    const grade = randomGrade()
    card = scheduler.next(card, new Date(time), grade).card
    reviews.push({ t: iso(time), grade })
    expected.push(cardAfter(card))
    time = nextReviewTime(card, time)
  }

  const line = { start: iso(start) }
  if (parameters !== undefined)
    line.parameters = parameters
  line.reviews = reviews
  line.expected = expected
  return line
}

// Weights moved up to half their value either way: some land outside
// ts-fsrs's bounds and are clipped, as Rehearse must clip them.
function randomWeights () {
  return default_w.map((w) => Number((w * (0.5 + random())).toFixed(4)))
}

function randomParameters () {
  const parameters = {
    request_retention: between(70, 99) / 100,
    maximum_interval: pick([36500, 36500, 365, 30]),
    enable_fuzz: random() < 0.5,
    enable_short_term: random() < 0.75,
    learning_steps: pick([[], ['1m'], ['1m', '10m'], ['5m', '30m', '1h'], ['10m', '1d'],
                          ['1m', '2m', '3m', '4m', '5m', '6m', '7m', '8m']]),
    relearning_steps: pick([[], ['10m'], ['5m', '20m'], ['1d'], ['2m', '1h', '12h']]),
  }
  if (random() < 0.4)
    parameters.w = randomWeights()
  return parameters
}

function write (name, lines) {
  writeFileSync(name, lines.map((line) => JSON.stringify(line) + '\n').join(''))
  const reviews = lines.reduce((sum, line) => sum + line.reviews.length, 0)
  console.log(`${name}: ${lines.length} histories, ${reviews} reviews`)
}

const times = (n, make) => Array.from({ length: n }, make)

const defaults = fsrs()
write('histories.jsonl', times(300, () => history(defaults)))

const fuzz = { enable_fuzz: true }
const fuzzed = fsrs(fuzz)
write('histories-fuzz.jsonl', times(100, () => history(fuzzed, fuzz)))

write('histories-parameters.jsonl', times(100, () => {
  const parameters = randomParameters()
  return history(fsrs(parameters), parameters)
}))
