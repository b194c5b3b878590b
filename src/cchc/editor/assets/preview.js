// The preview pane: the unit's running total and index, per area and per criterion, what
// must still be done before the clerk clicks Gửi đi, and what the council may question.
import { issues, when } from './dossier.js';
import { totals, vn } from './totals.js';

const h = (...args) => window.h(...args);

function deadline(iso) {
  if (!iso) return null;
  const late = Date.now() > new Date(iso).getTime();
  return h('div', { className: late ? 'cchc-late' : 'cchc-sub' },
    `Hạn tự đánh giá: ${when(iso)}${late ? ' — đã quá hạn; chỉ Sở Nội vụ gia hạn được.' : ''}`);
}

function leafRow(l) {
  const status = l.na ? 'Không áp dụng' : (l.scored ? vn(l.points) : '—');
  const flag = l.problems.some((p) => p.blocking) ? 'cchc-flag' : (l.problems.length ? 'cchc-warn' : '');
  return h('tr', { key: l.leaf.code, className: flag },
    h('td', {}, l.leaf.code),
    h('td', {}, l.leaf.title,
      l.problems.length ? h('div', { className: 'cchc-note' }, l.problems.map((p) => p.text).join('; ')) : null),
    h('td', { className: 'cchc-num', 'data-code': l.leaf.code }, status),
    h('td', { className: 'cchc-num' }, vn(l.leaf.max)));
}

function areaRows(a) {
  return [
    h('tr', { key: `a${a.area.code}`, className: 'cchc-area' },
      h('td', {}, a.area.code), h('td', {}, a.area.title),
      h('td', { className: 'cchc-num' }, vn(a.points)), h('td', { className: 'cchc-num' }, vn(a.max))),
    ...a.leaves.map(leafRow),
  ];
}

function list(title, items, className) {
  return h('div', { className },
    h('h2', {}, `${title} (${items.length})`),
    h('ul', {}, items.map((t, i) => h('li', { key: i }, t))));
}

export function makePreview(rules) {
  return function Preview({ entry }) {
    const data = entry.getIn(['data']).toJS();
    const unit = rules.units[data.unit || entry.get('slug')] || {};
    const fw = rules.frameworks[unit.framework];
    if (!fw) return h('div', { className: 'cchc-preview' }, h('p', {}, 'Không tìm thấy bộ tiêu chí của đơn vị.'));
    const result = totals(fw, data);
    const [blocking, advisory] = issues(result, data);
    return h('div', { className: 'cchc-preview' },
      h('h1', {}, unit.name),
      h('p', { className: 'cchc-sub' }, `Hồ sơ tự đánh giá ${rules.index || 'Chỉ số CCHC'} năm ${rules.year} — ${fw.title}`),
      deadline(unit.deadline),
      h('div', { className: 'cchc-summary' },
        h('div', {}, 'Tổng điểm tự chấm: ',
          h('strong', { id: 'cchc-total' }, vn(result.total)), ' / ',
          h('strong', { id: 'cchc-max' }, vn(result.max)), ' điểm'),
        h('div', {}, 'Chỉ số tự đánh giá: ',
          h('strong', { id: 'cchc-index' }, result.index === undefined ? '—' : `${vn(result.index, fw.precision)}%`)),
        h('div', { className: 'cchc-sub' }, `Chưa gồm ${vn(result.survey)} điểm điều tra xã hội học `
          + '(Sở Nội vụ nhập sau) và điểm Hội đồng thẩm định điều chỉnh.')),
      blocking.length
        ? list('Cần hoàn thiện trước khi Gửi đi', blocking, 'cchc-issues')
        : h('div', { className: 'cchc-ok', id: 'cchc-ready' },
          'Hồ sơ đã đủ thông tin để Gửi đi: bấm Lưu, rồi chọn Trạng thái → Gửi đi.'),
      advisory.length ? list('Lưu ý', advisory, 'cchc-advice') : null,
      h('table', { className: 'cchc-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Mã'), h('th', {}, 'Tiêu chí'), h('th', {}, 'Điểm tự chấm'),
          h('th', {}, 'Tối đa'))),
        h('tbody', {}, result.areas.filter((a) => a.leaves.length).flatMap(areaRows))));
  };
}
