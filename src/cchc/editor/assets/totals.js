// The running total of a self-assessment, computed in the browser with the same rule
// data and the same arithmetic as cchc.rules and cchc.score.unit (exact decimals,
// half-up rounding). One entry per rule kind: what it computes from figures, which
// scores it allows; the kind names mirror cchc.rules.KINDS.
import Big from './vendor/big.mjs';
import { blank, decimal } from './format.js';

Big.DP = 40;
const ZERO = new Big(0);
const HUNDRED = new Big(100);

const big = (v) => { const d = decimal(v); return d === undefined ? undefined : new Big(d); };

function bands(leaf, achieved, total) {
  if (total.eq(0)) return undefined;
  const pct = achieved.times(HUNDRED).div(total); // multiply first: exact whenever the result terminates
  for (const band of leaf.params.bands) {
    if (band.gt !== undefined && !pct.gt(band.gt)) continue;
    if (band.gte !== undefined && !pct.gte(band.gte)) continue;
    return new Big(band.points);
  }
  return ZERO;
}

function proportional(leaf, achieved, total) {
  const max = new Big(leaf.max);
  if (total.eq(0)) return { full: max, zero: ZERO }[leaf.params.if_no_cases || 'full'];
  const raw = achieved.times(max).div(total); // exact where the half-up rounding needs it (7/12 × 1,5 = 0,875)
  const decimals = Number(leaf.params.decimals ?? 2);
  return (raw.gt(max) ? max : raw).round(decimals, Big.roundHalfUp);
}

const multipleOf = (step) => (leaf, score) => {
  const s = new Big(leaf.params.step ?? step);
  return s.gt(0) && score.mod(s).eq(0) ? null : `điểm phải là bội số của ${vn(s)}`;
};
const oneOf = (allowed) => (leaf, score) => (allowed(leaf).some((p) => score.eq(p)) ? null
  : `chỉ được chọn một trong các mức: ${allowed(leaf).map(vn).join('; ')}`);

export const KINDS = {
  levels: { check: oneOf((leaf) => leaf.params.levels.map((l) => new Big(l.points))) },
  pass_fail: { check: oneOf((leaf) => [new Big(leaf.max), ZERO]) },
  percent_bands: { compute: bands },
  proportional: { compute: proportional },
  free: { check: multipleOf('0.25') },
  bonus: { check: multipleOf('0.25') },
  penalty: { check: multipleOf('0.25'), sign: -1 },
  survey: { survey: true },
};

export function vn(value, places) {
  const text = places === undefined ? new Big(value).toString() : new Big(value).toFixed(places);
  return text.replace('.', ',');
}

// The points one criterion gives and what is wrong with it: {points, scored, na, problems},
// each problem {text, blocking}; blocking ones are what `cchc validate` reports as errors.
export function leafResult(leaf, v) {
  const kind = KINDS[leaf.kind] || {};
  const problems = [];
  const error = (text) => problems.push({ text, blocking: true });
  const warn = (text) => problems.push({ text, blocking: false });
  if (leaf.na_allowed && v.na === true) {
    if (blank(v.na_reason)) error('khai không áp dụng nhưng chưa ghi lý do');
    return { na: true, points: ZERO, problems };
  }
  let points;
  if (kind.compute) {
    const achieved = big(v.achieved);
    const total = big(v.total);
    if (achieved === undefined || total === undefined) {
      if (big(v.score) !== undefined) points = big(v.score);
      else error('chưa nhập đủ số liệu');
    } else if (achieved.gt(total)) {
      error('số đạt được lớn hơn tổng số');
    } else {
      points = kind.compute(leaf, achieved, total);
      if (points === undefined) error('tổng số bằng 0 (không phát sinh): nếu được phép, khai không áp dụng');
    }
  } else {
    points = big(v.score);
    if (points === undefined) error('chưa chấm điểm');
  }
  if (points !== undefined && (points.lt(0) || points.gt(leaf.max))) {
    error(`điểm ${vn(points)} ngoài khoảng 0 – ${vn(leaf.max)}`);
    points = undefined;
  } else if (points !== undefined && kind.check) {
    const why = kind.check(leaf, points);
    if (why) error(why);
  }
  const evidence = (Array.isArray(v.evidence) ? v.evidence : []).filter((it) => it && typeof it === 'object');
  if (evidence.some((it) => blank(it.file))) error('có tài liệu kiểm chứng chưa chọn tệp');
  if (leaf.evidence_required && !evidence.some((it) => !blank(it.file)) && points !== undefined && points.gt(0)) {
    if (blank(v.explanation)) error('chưa có tài liệu kiểm chứng và chưa có giải trình');
    else warn('chỉ có giải trình, chưa có tài liệu kiểm chứng (Hội đồng có thể không chấp nhận điểm)');
  }
  return { points: points === undefined ? ZERO : points.times(kind.sign || 1), scored: points !== undefined,
    na: false, problems };
}

// The unit's running total: per area and overall, against the self-scored maximum.
export function totals(fw, data) {
  let total = ZERO;
  let max = ZERO;
  let survey = ZERO;
  const areas = fw.areas.map((area) => {
    const values = data[area.key] || {};
    const out = { area, points: ZERO, max: ZERO, leaves: [] };
    for (const leaf of area.leaves) {
      if ((KINDS[leaf.kind] || {}).survey || !leaf.input) { survey = survey.plus(leaf.max); continue; }
      const r = leafResult(leaf, values[leaf.key] || {});
      out.leaves.push({ leaf, ...r });
      out.points = out.points.plus(r.points);
      if (!r.na && !leaf.adjustment) out.max = out.max.plus(leaf.max);
    }
    total = total.plus(out.points);
    max = max.plus(out.max);
    return out;
  });
  const clamped = total.lt(0) ? ZERO : (total.gt(max) ? max : total);
  const index = max.gt(0) ? clamped.times(HUNDRED).div(max).round(fw.precision, Big.roundHalfUp) : undefined;
  return { areas, total: clamped, max, survey, index };
}
