// tests/srs/compare.cjs BAGU COUNT — `bagu srs replay` against ts-fsrs itself.
//
// Generates COUNT review histories from a fixed seed (every rating; reviews on time, early,
// late, several on one day; lapses; gaps of minutes to years), replays each through
// ts-fsrs (pinned in package-lock.json, fuzz off) and through `bagu srs replay` under one
// of several parameter sets (defaults, other retention, no steps, one or three relearning
// steps, short-term scheduling off, other weights), and compares every field of every
// review: strings exactly, numbers with ===. Prints the first mismatches, then
// "N passed, M failed" (one check per history).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { fsrs, createEmptyCard, generatorParameters, Rating, State } = require('ts-fsrs');

const [bagu, countArg] = process.argv.slice(2);
const COUNT = Number(countArg || 1000);

let seed = 0x5eed1234; // mulberry32: the same histories on every run
function rand() {
	seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
	let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];

const W_OTHER = [0.4072, 1.1829, 3.1262, 15.4722, 7.2102, 0.5316, 1.0651, 0.0234, 1.616, 0.1544, 1.0824,
	1.9813, 0.0953, 0.2975, 2.2042, 0.2407, 2.9466, 0.5034, 0.6567, 0.1, 0.2];
const SETS = [
	{ args: [], p: {} },
	{ args: ['--retention', '0.85'], p: { request_retention: 0.85 } },
	{ args: ['--retention', '0.97'], p: { request_retention: 0.97 } },
	{ args: ['--steps', 'none', '--relearning-steps', 'none'], p: { learning_steps: [], relearning_steps: [] } },
	{ args: ['--steps', '1m,10m,1h', '--relearning-steps', '5m,30m,1h'],
	  p: { learning_steps: ['1m', '10m', '1h'], relearning_steps: ['5m', '30m', '1h'] } },
	{ args: ['--steps', '10m,1d'], p: { learning_steps: ['10m', '1d'] } },
	{ args: ['--no-short-term'], p: { enable_short_term: false } },
	{ args: ['--no-short-term', '--retention', '0.8'], p: { enable_short_term: false, request_retention: 0.8 } },
	{ args: ['--w', W_OTHER.join(',')], p: { w: W_OTHER } },
];

const MIN = 60e3, DAY = 86400e3;
// One history and ts-fsrs's answer, built together so that "on time" means the card's due.
function history(set) {
	const f = fsrs(generatorParameters({ ...set.p, enable_fuzz: false }));
	let t = Date.UTC(2024, 0, 1) + Math.floor(rand() * 400) * DAY + Math.floor(rand() * DAY / 1000) * 1000;
	let card = createEmptyCard(new Date(t));
	const n = 1 + Math.floor(rand() * 14);
	const rows = [], want = [];
	for (let i = 0; i < n; i++) {
		const g = pick([1, 2, 3, 3, 3, 4, 1, 2]);
		rows.push([t, g]);
		card = f.next(card, new Date(t), g).card;
		want.push({ rating: Rating[g], state: State[card.state], elapsed_days: card.elapsed_days,
			scheduled_days: card.scheduled_days, due: card.due.toISOString(), stability: card.stability,
			difficulty: card.difficulty });
		const wait = Math.max(card.due.getTime() - t, 0), kind = rand();
		if (kind < 0.12) t += Math.floor(rand() * 5) * MIN;                     // same minutes
		else if (kind < 0.3) t += Math.floor(rand() * 180) * MIN;              // same day
		else if (kind < 0.55) t += wait;                                       // on time
		else if (kind < 0.7) t += Math.floor(wait * rand());                   // early
		else if (kind < 0.9) t += wait + Math.floor(rand() * 30 * 1440) * MIN; // late
		else t += Math.floor(rand() * 900) * DAY + Math.floor(rand() * 1440) * MIN; // a long gap
	}
	return { rows, want };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bagu-srs-'));
let passed = 0, failed = 0, shown = 0, reviews = 0;
const stateCount = {};
try {
	for (let i = 0; i < COUNT; i++) {
		const set = SETS[i % SETS.length];
		const { rows, want } = history(set);
		const file = path.join(tmp, `h${i}.txt`);
		fs.writeFileSync(file, rows.map(([t, g]) => `${new Date(t).toISOString()} ${Rating[g]}`).join('\n') + '\n');
		let got;
		try {
			got = execFileSync(bagu, ['srs', 'replay', ...set.args, file], { encoding: 'utf8' })
				.trim().split('\n').map((l) => JSON.parse(l));
		} catch (e) {
			failed++;
			if (shown++ < 5) console.log(`history ${i} (${set.args.join(' ')}): bagu failed: ${e.message}`);
			continue;
		}
		let bad = got.length !== want.length ? `${got.length} lines, want ${want.length}` : null;
		for (let k = 0; !bad && k < want.length; k++)
			for (const key of Object.keys(want[k]))
				if (got[k][key] !== want[k][key]) {
					bad = `review ${k + 1}: ${key} = ${JSON.stringify(got[k][key])}, ts-fsrs ${JSON.stringify(want[k][key])}`;
					break;
				}
		for (const w of want) stateCount[w.state] = (stateCount[w.state] || 0) + 1;
		reviews += want.length;
		if (bad) {
			failed++;
			if (shown++ < 5) console.log(`history ${i} (${set.args.join(' ') || 'defaults'}): ${bad}\n  ${fs.readFileSync(file, 'utf8').trim().replace(/\n/g, '\n  ')}`);
		} else passed++;
	}
} finally {
	fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`srs: ${COUNT} histories, ${reviews} reviews (${Object.entries(stateCount).map(([k, v]) => `${k} ${v}`).join(', ')})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
