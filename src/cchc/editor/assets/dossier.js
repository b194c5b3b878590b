// What a dossier still lacks, as the preview lists it and as "Gửi đi" asks about it: the
// blocking items (what `cchc validate` reports as errors) and the advisory ones.
import { blank } from './format.js';
import { totals } from './totals.js';

const REPORT = [['file', 'tệp báo cáo'], ['number', 'số báo cáo'], ['date', 'ngày báo cáo'],
  ['approved_by', 'người phê duyệt']];

function reportProblems(report) {
  const missing = REPORT.filter(([k]) => blank((report || {})[k])).map(([, label]) => label);
  if (missing.length === REPORT.length) return ['Chưa có Báo cáo tự đánh giá đã được lãnh đạo phê duyệt.'];
  return missing.length ? [`Báo cáo tự đánh giá còn thiếu: ${missing.join(', ')}.`] : [];
}

// [blocking, advisory] lists of sentences for the totals ``result`` of ``data``.
export function issues(result, data) {
  const blocking = [];
  const advisory = [];
  if (data._unreadable) blocking.push('Tệp hồ sơ hiện có bị lỗi cú pháp, không đọc được; liên hệ quản trị viên.');
  if (data._dropped) {
    advisory.push(`Hồ sơ có mục không thuộc danh sách tiêu chí tự chấm (${data._dropped.join(', ')}); `
      + 'các mục này sẽ bị bỏ khi lưu.');
  }
  blocking.push(...reportProblems(data.report));
  for (const a of result.areas) {
    for (const l of a.leaves) {
      for (const p of l.problems) (p.blocking ? blocking : advisory).push(`Tiêu chí ${l.leaf.code}: ${p.text}.`);
    }
  }
  return [blocking, advisory];
}

// The blocking items of ``unit``'s dossier ``data`` (form data), or null without a framework.
export function blockingItems(rules, unit, data) {
  const fw = rules.frameworks[(rules.units[unit] || {}).framework];
  return fw ? issues(totals(fw, data), data)[0] : null;
}

// "23:59 ngày 31/12/2025", in Vietnam's time, whatever the clerk's computer is set to.
export function when(iso) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}
