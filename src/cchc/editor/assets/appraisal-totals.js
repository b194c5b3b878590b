// Self-score against appraised score, per criterion and in total, with the same rules and
// arithmetic as cchc (cchc.rules.self_points, Appraisal.latest_scores, cchc.score.unit):
// the self-scored part only (survey points come later), each total kept within 0 and the
// applicable maximum, the index rounded half up to the framework's decimals.
import Big from './vendor/big.mjs';
import { blank, decimal } from './format.js';
import { KINDS, vn } from './totals.js';
import { isObject, listOf } from './yamldoc.js';

const ZERO = new Big(0);
const HUNDRED = new Big(100);

export const big = (v) => { const d = decimal(v); return d === undefined ? undefined : new Big(d); };
const isNa = (e) => e.na === true || e.na === 'true';

// code -> the unit's entry (the first one where a code is repeated, as cchc does).
export function selfEntries(doc) {
  const out = new Map();
  for (const e of listOf(isObject(doc) ? doc.scores : null)) {
    const code = blank(e.code) ? undefined : String(e.code);
    if (code !== undefined && !out.has(code)) out.set(code, e);
  }
  return out;
}

// The points an entry claims: from the figures where the rule uses them, else the score
// written; undefined for N/A or when nothing usable is given (cchc.rules.self_points).
export function selfPoints(leaf, entry) {
  if (!entry || isNa(entry)) return undefined;
  const kind = KINDS[leaf.kind] || {};
  const f = isObject(entry.figures) ? entry.figures : null;
  const achieved = f ? big(f.achieved) : undefined;
  const total = f ? big(f.total) : undefined;
  if (kind.compute && achieved !== undefined && total !== undefined && achieved.lte(total)) {
    return kind.compute(leaf, achieved, total);
  }
  return big(entry.score);
}

// code -> {score, reason, round} from the latest round that scores the code.
export function latestScores(rounds) {
  const out = new Map();
  const sorted = listOf(rounds).map((r, i) => [Number(r.round), i, r]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [n, , r] of sorted) {
    for (const it of listOf(r.items)) {
      const score = big(it.score);
      if (score !== undefined && !blank(it.code)) out.set(String(it.code), { score, reason: it.reason, round: n });
    }
  }
  return out;
}

// One criterion: {na, max, self, appraised, own, latest} as cchc.score.unit scores a leaf.
export function leafScore(leaf, entry, latest) {
  const kind = KINDS[leaf.kind] || {};
  const sign = kind.sign || 1;
  const max = new Big(leaf.max);
  if (entry && isNa(entry) && leaf.na_allowed) return { na: true, max: ZERO, self: ZERO, appraised: ZERO, latest };
  const claimed = selfPoints(leaf, entry);
  const own = claimed === undefined || claimed.lt(0) || claimed.gt(max) ? ZERO : claimed;
  const self = own.times(sign);
  const appraised = latest ? (latest.score.gt(max) ? max : latest.score).times(sign) : self;
  return { na: false, max: leaf.adjustment ? ZERO : max, self, appraised, own: claimed, latest };
}

const clamp = (v, max) => (v.lt(0) ? ZERO : (v.gt(max) ? max : v));
const indexOf = (v, max, places) => (max.gt(0) ? v.times(HUNDRED).div(max).round(places, Big.roundHalfUp) : undefined);

// The unit's self-scored part before and after the appraisal ``rounds`` (file shape).
export function appraisalTotals(fw, entries, rounds) {
  const latest = latestScores(rounds);
  let self = ZERO;
  let appraised = ZERO;
  let max = ZERO;
  const areas = fw.areas.map((area) => {
    const out = { area, self: ZERO, appraised: ZERO, max: ZERO, leaves: [] };
    for (const leaf of area.leaves) {
      if ((KINDS[leaf.kind] || {}).survey || !leaf.input) continue;
      const s = leafScore(leaf, entries.get(leaf.code), latest.get(leaf.code));
      out.leaves.push({ leaf, entry: entries.get(leaf.code), ...s });
      out.self = out.self.plus(s.self);
      out.appraised = out.appraised.plus(s.appraised);
      out.max = out.max.plus(s.max);
    }
    self = self.plus(out.self);
    appraised = appraised.plus(out.appraised);
    max = max.plus(out.max);
    return out;
  });
  const selfTotal = clamp(self, max);
  const appraisedTotal = clamp(appraised, max);
  return { areas, max, self: selfTotal, appraised: appraisedTotal,
    selfIndex: indexOf(selfTotal, max, fw.precision), appraisedIndex: indexOf(appraisedTotal, max, fw.precision) };
}

// What `cchc check-pr` would refuse in one appraisal item ({score, reason, request, achieved,
// total} as the form holds it), against the unit's own points ``own`` (undefined: none).
export function itemProblems(leaf, own, item) {
  const out = [];
  const kind = KINDS[leaf.kind] || {};
  const score = big(item.score);
  if (!blank(item.score) && score === undefined) return ['điểm thẩm định không phải là số'];
  if (big(item.achieved) !== undefined && big(item.total) !== undefined && big(item.achieved).gt(big(item.total))) {
    out.push('số đạt được lớn hơn tổng số');
  }
  if (score === undefined) {
    if (!blank(item.reason) && blank(item.request)) out.push('đã ghi lý do nhưng chưa có điểm thẩm định');
    return out;
  }
  if (score.lt(0) || score.gt(leaf.max)) return [...out, `điểm ${vn(score)} ngoài khoảng 0 – ${vn(leaf.max)}`];
  const why = kind.check && !kind.compute ? kind.check(leaf, score) : null;
  if (why) out.push(why);
  if ((own === undefined || !score.eq(own)) && blank(item.reason)) {
    out.push(own === undefined ? 'đơn vị không tự chấm tiêu chí này: cần ghi lý do'
      : `điểm thẩm định khác điểm tự chấm (${vn(own)}): cần ghi lý do`);
  }
  return out;
}
