// The council's input for one criterion (widget "cchc-tham-dinh") and the appraisal preview.
// The input shows what the unit claimed (self-score, figures, explanation, each evidence
// document opening at its cited page), in round 2 the council's round 1 and the unit's
// answer, then the appraised score bound to the criterion's rule (a level, pass or fail,
// figures, or a score in steps), the reason and, in round 1, the request for explanation.
// It refuses to save what `cchc check-pr` would refuse: a score the rule does not allow, a
// score that differs from the unit's own without a reason.
import { appraisalTotals, big, itemProblems, selfPoints } from './appraisal-totals.js';
import { formItems, leavesOf } from './appraisal-format.js';
import { roundOne } from './dossiers.js';
import { blank, decimal } from './format.js';
import { KINDS, vn } from './totals.js';
import { listOf } from './yamldoc.js';

const h = (...args) => window.h(...args);
const plainValue = (v) => (v && typeof v.toJS === 'function' ? v.toJS() : (v && typeof v === 'object' ? v : {}));
const dataOf = (entry) => (entry ? plainValue(entry.get('data')) : {});
const unitOf = (entry) => entry && (entry.get('slug') || entry.getIn(['data', 'unit']));

export function findLeaf(appraisal, unit, key) {
  const u = appraisal.units[unit];
  const fw = u && appraisal.frameworks[u.framework];
  const found = leavesOf(fw).find(([, leaf]) => leaf.key === key);
  return found ? found[1] : undefined;
}

function percent(achieved, total) {
  const a = big(achieved);
  const t = big(total);
  return a !== undefined && t !== undefined && t.gt(0) ? `${vn(a.times(100).div(t).round(2))}%` : null;
}

// Evidence cited by the unit: the file opens, in a new tab, at the cited page.
const PDF = 'application/pdf';
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

async function pdfAddress(getAsset, field, file) {
  for (let i = 0; i < 300; i += 1) { // Decap loads the file from the forge: wait for it (30 s at most)
    const asset = getAsset(file, field);
    if (asset && asset.path !== 'empty.svg') {
      const blob = asset.fileObj || await (await fetch(asset.toString())).blob();
      return URL.createObjectURL(new Blob([blob], { type: PDF }));
    }
    await sleep(100);
  }
  throw new Error('timeout');
}

export function openEvidence(props, file, page, onError) {
  const tab = window.open('', '_blank'); // opened within the click, so that no pop-up blocker stops it
  if (!tab) { onError('Trình duyệt đã chặn cửa sổ mới: cho phép cửa sổ bật lên cho trang này.'); return; }
  tab.opener = null;
  pdfAddress(props.getAsset, props.field, file).then(
    (address) => tab.location.replace(page ? `${address}#page=${page}` : address),
    () => { tab.close(); onError(`Không mở được tệp ${file}.`); },
  );
}

export function evidenceList(props, items, onError) {
  const docs = listOf(items).filter((it) => !blank(it.file));
  if (!docs.length) return null;
  return h('ul', { key: 'ev', className: 'cchc-ap-evidence' }, docs.map((it, i) => {
    const file = String(it.file);
    const nested = file.replace(/^evidence\//, '').includes('/'); // Decap resolves names in evidence/ only
    const where = !blank(it.page) ? `trang ${it.page}` : (blank(it.section) ? '' : String(it.section));
    const words = [it.title || file.split('/').pop(), it.number, it.date].filter((w) => !blank(w)).join(', ');
    const label = `${words}${where ? ` — ${where}` : ''}`;
    const link = nested ? h('span', {}, `${label} (${file})`) : h('a', {
      href: '#', className: 'cchc-ap-open', 'data-file': file, 'data-page': blank(it.page) ? '' : String(it.page),
      onClick: (e) => { e.preventDefault(); openEvidence(props, file, blank(it.page) ? null : it.page, onError); },
    }, label);
    return h('li', { key: i }, link);
  }));
}

function needed(leaf) {
  return leaf.evidence && leaf.evidence.length
    ? h('p', { key: 'n', className: 'cchc-sub' }, `Tài liệu kiểm chứng cần có: ${leaf.evidence.join('; ')}.`) : null;
}

function selfBlock(leaf, entry, own) {
  if (!entry) return [h('p', { key: 's' }, 'Đơn vị không tự chấm tiêu chí này.')];
  if (entry.na === true) return [h('p', { key: 's' }, `Đơn vị khai không áp dụng: ${entry.na_reason || '(không ghi lý do)'}`)];
  const out = [h('p', { key: 's' }, 'Điểm tự chấm: ', h('strong', { className: 'cchc-ap-own' },
    own === undefined ? 'chưa chấm' : vn(own)), ` / ${vn(leaf.max)}`)];
  const f = entry.figures && typeof entry.figures === 'object' ? entry.figures : null;
  if (f) {
    const pct = percent(f.achieved, f.total);
    out.push(h('p', { key: 'f' }, `Số liệu của đơn vị: ${f.achieved} / ${f.total}${pct ? ` (${pct})` : ''}`));
  }
  if (!blank(entry.explanation)) out.push(h('p', { key: 'x' }, `Giải trình của đơn vị: ${entry.explanation}`));
  return out;
}

function choices(leaf) {
  if (leaf.kind === 'levels') return leaf.params.levels.map((l) => [`${l.label} — ${vn(l.points)} điểm`, l.points]);
  if (leaf.kind === 'pass_fail') return [[`Đạt — ${vn(leaf.max)} điểm`, leaf.max], ['Không đạt — 0 điểm', '0']];
  if (leaf.kind === 'percent_bands') {
    const points = [...new Set(leaf.params.bands.map((b) => decimal(b.points)))];
    return points.sort((a, b) => Number(b) - Number(a)).map((p) => [`${vn(p)} điểm`, p]);
  }
  return null;
}

function step(leaf) {
  if (leaf.kind === 'proportional') return (0.1 ** Number(leaf.params.decimals ?? 2)).toFixed(Number(leaf.params.decimals ?? 2));
  return String(leaf.params.step ?? '0.25');
}

function labelled(id, label, input) {
  return h('div', { className: 'cchc-ap-row' }, h('label', { htmlFor: id }, label), input);
}

export function makeAppraisalWidget(appraisal, store) {
  return window.createClass({
    getInitialState() { return { docs: store.peek(`d:${unitOf(this.props.entry)}`), error: null }; },

    componentDidMount() {
      const unit = unitOf(this.props.entry);
      if (!appraisal.units[unit] || this.state.docs) return;
      store.dossier(this.props.loadEntry, unit).then((docs) => { if (!this.gone) this.setState({ docs }); });
    },

    componentWillUnmount() { this.gone = true; },

    leaf() { return findLeaf(appraisal, unitOf(this.props.entry), this.props.field.get('name')); },

    problems() {
      const leaf = this.leaf();
      const { docs } = this.state;
      if (!leaf || !docs || docs.problem) return [];
      return itemProblems(leaf, selfPoints(leaf, docs.self.get(leaf.code)), plainValue(this.props.value));
    },

    isValid() {
      const leaf = this.leaf();
      if (leaf && !this.state.docs && !blank(plainValue(this.props.value).score)) {
        return { error: { type: 'CUSTOM', message: `Tiêu chí ${leaf.code}: chưa tải xong hồ sơ của đơn vị, thử lại.` } };
      }
      const found = this.problems();
      return found.length ? { error: { type: 'CUSTOM', message: `Tiêu chí ${leaf.code}: ${found.join('; ')}.` } } : true;
    },

    set(changes) {
      const { value, entry, onChange } = this.props;
      let next = value && typeof value.set === 'function' ? value : entry.get('data').clear();
      for (const [k, v] of Object.entries(changes)) next = next.set(k, v);
      onChange(next);
    },

    figures(leaf, v, key, raw) {
      const values = { ...v, [key]: raw };
      const a = big(values.achieved);
      const t = big(values.total);
      const changes = { [key]: raw };
      if (a !== undefined && t !== undefined && a.lte(t)) {
        const points = KINDS[leaf.kind].compute(leaf, a, t);
        if (points !== undefined) changes.score = points.toString();
      }
      this.set(changes);
    },

    scoreInput(leaf, v, id) {
      const options = choices(leaf);
      const onChange = (e) => this.set({ score: e.target.value });
      if (options) {
        const current = decimal(v.score) ?? '';
        return h('select', { id, className: 'cchc-ap-score', value: current, onChange },
          h('option', { value: '' }, '— Không điều chỉnh —'),
          options.map(([label, points]) => h('option', { key: points, value: decimal(points) }, label)));
      }
      return h('input', { id, className: 'cchc-ap-score', type: 'number', min: 0, max: Number(leaf.max),
        step: step(leaf), value: v.score ?? '', onChange });
    },

    figuresInputs(leaf, v, id) {
      if (!KINDS[leaf.kind].compute) return null;
      const names = leaf.params.figures || {};
      const input = (key, label) => labelled(`${id}-${key}`, label, h('input', {
        id: `${id}-${key}`, type: 'number', min: 0, className: `cchc-ap-${key}`, value: v[key] ?? '',
        onChange: (e) => this.figures(leaf, v, key, e.target.value) }));
      return h('div', { className: 'cchc-ap-figures' },
        input('achieved', `${names.achieved || 'Số đạt được'} (Hội đồng xác định)`),
        input('total', `${names.total || 'Tổng số'} (Hội đồng xác định)`),
        this.reasonFromFigures(leaf, v));
    },

    reasonFromFigures(leaf, v) {
      const entry = this.state.docs && this.state.docs.self.get(leaf.code);
      const f = entry && entry.figures;
      const pct = percent(v.achieved, v.total);
      if (!f || !pct || !blank(v.reason)) return null;
      const words = `Số liệu chưa khớp với tài liệu kiểm chứng: Hội đồng xác định ${v.achieved}/${v.total} (${pct}), `
        + `không phải ${f.achieved}/${f.total} như đơn vị tự chấm.`;
      return h('button', { type: 'button', className: 'cchc-ap-suggest', onClick: () => this.set({ reason: words }) },
        'Ghi lý do theo số liệu');
    },

    earlier(leaf) {
      const u = appraisal.units[unitOf(this.props.entry)];
      if (!u || u.round !== 2) return null;
      const item = roundOne({ rounds: dataOf(this.props.entry)._kept }).get(leaf.code);
      const answer = this.state.docs && this.state.docs.answers.get(leaf.code);
      const out = [];
      if (item && !blank(item.score)) out.push(h('p', { key: 's' }, `Vòng 1: ${vn(decimal(item.score))} điểm`
        + `${blank(item.reason) ? '' : ` — ${item.reason}`}`));
      if (item && !blank(item.request)) out.push(h('p', { key: 'r' }, `Yêu cầu giải trình (vòng 1): ${item.request}`));
      if (answer) {
        out.push(h('p', { key: 'a' }, `Đơn vị giải trình: ${answer.text || ''}`),
          evidenceList(this.props, answer.evidence, (error) => this.setState({ error })));
      } else if (item && !blank(item.request)) {
        out.push(h('p', { key: 'a' }, 'Đơn vị chưa gửi giải trình (hoặc giải trình chưa được gộp vào nhánh chính).'));
      }
      return out.length ? h('div', { className: 'cchc-ap-earlier' }, out) : null;
    },

    render() {
      const { forID, classNameWrapper } = this.props;
      const leaf = this.leaf();
      if (!leaf) return h('div', { id: forID, className: classNameWrapper }, 'Không tìm thấy tiêu chí trong bộ tiêu chí.');
      const v = plainValue(this.props.value);
      const { docs, error } = this.state;
      const entry = docs && docs.self.get(leaf.code);
      const round = (appraisal.units[unitOf(this.props.entry)] || {}).round;
      const found = this.problems();
      const onError = (message) => this.setState({ error: message });
      return h('div', { id: forID, className: `${classNameWrapper} cchc-ap` },
        h('div', { className: 'cchc-ap-unit' },
          docs ? (docs.problem ? h('p', { className: 'cchc-note' }, docs.problem)
            : [...selfBlock(leaf, entry, selfPoints(leaf, entry)), needed(leaf),
              evidenceList(this.props, entry && entry.evidence, onError)])
            : h('p', {}, 'Đang tải hồ sơ của đơn vị…'),
          error ? h('p', { className: 'cchc-note' }, error) : null),
        this.earlier(leaf),
        this.figuresInputs(leaf, v, forID),
        labelled(`${forID}-score`, `Điểm thẩm định${round === 2 ? ' vòng 2' : ''}`, this.scoreInput(leaf, v, `${forID}-score`)),
        labelled(`${forID}-reason`, 'Lý do điều chỉnh (bắt buộc khi khác điểm tự chấm)', h('textarea', {
          id: `${forID}-reason`, className: 'cchc-ap-reason', rows: 2, value: v.reason ?? '',
          onChange: (e) => this.set({ reason: e.target.value }) })),
        round === 1 || !blank(v.request) ? labelled(`${forID}-request`, 'Yêu cầu giải trình, bổ sung', h('textarea', {
          id: `${forID}-request`, className: 'cchc-ap-request', rows: 2, value: v.request ?? '',
          onChange: (e) => this.set({ request: e.target.value }) })) : null,
        found.length ? h('p', { className: 'cchc-note cchc-ap-problem', role: 'alert' }, `${found.join('; ')}.`) : null);
    },
  });
}

// The preview: totals before and after the appraisal, what still blocks saving, and each
// criterion the council touched.
function row(l) {
  const changed = !l.self.eq(l.appraised);
  return h('tr', { key: l.leaf.code, className: changed ? 'cchc-flag' : '' },
    h('td', {}, l.leaf.code), h('td', {}, l.leaf.title),
    h('td', { className: 'cchc-num' }, l.na ? 'Không áp dụng' : vn(l.self)),
    h('td', { className: 'cchc-num', 'data-code': l.leaf.code }, l.na ? '—' : vn(l.appraised)),
    h('td', {}, l.note || ''));
}

export function makeAppraisalPreview(appraisal, store) {
  return window.createClass({
    componentDidMount() { this.stop = store.subscribe(() => this.forceUpdate()); },
    componentWillUnmount() { if (this.stop) this.stop(); },
    render() {
      const { entry } = this.props;
      const data = dataOf(entry);
      const unit = unitOf(entry);
      const u = appraisal.units[unit];
      const fw = u && appraisal.frameworks[u.framework];
      const docs = store.peek(`d:${unit}`);
      if (!fw || !docs) return h('div', { className: 'cchc-preview' }, h('p', {}, 'Đang tải hồ sơ của đơn vị…'));
      const current = { round: u.round, items: formItems(data, fw) };
      const t = appraisalTotals(fw, docs.self, [...listOf(data._kept), current]);
      const touched = new Map(current.items.map((it) => [it.code, it]));
      const problems = [];
      if (data._unreadable) {
        problems.push('Tệp kết quả thẩm định hiện có bị lỗi cú pháp, không lưu đè được; liên hệ quản trị viên.');
      }
      if (data._later) {
        problems.push('Tệp đã có kết quả vòng sau vòng đang mở: trang chưa được cập nhật, tải lại trang sau ít phút.');
      }
      if (data._dropped) {
        problems.push(`Tệp có mục không thuộc danh sách tiêu chí hoặc ghi trùng (${[].concat(data._dropped).join(', ')}): `
          + 'các mục này sẽ bị bỏ khi lưu.');
      }
      if (blank(data.date)) problems.push('Chưa ghi ngày thẩm định.');
      const leaves = t.areas.flatMap((a) => a.leaves).map((l) => {
        const it = touched.get(l.leaf.code);
        if (it) problems.push(...itemProblems(l.leaf, l.own, it).map((p) => `Tiêu chí ${l.leaf.code}: ${p}.`));
        const earlier = l.latest && !it ? `Vòng ${l.latest.round}: ${l.latest.reason || ''}` : '';
        const note = it ? [it.reason, it.request ? `Yêu cầu giải trình: ${it.request}` : null].filter(Boolean).join(' ')
          : earlier;
        return { ...l, note };
      });
      const shown = leaves.filter((l) => touched.has(l.leaf.code) || !l.self.eq(l.appraised));
      const diff = t.appraised.minus(t.self);
      const index = (x) => (x === undefined ? '—' : `${vn(x, fw.precision)}%`);
      const late = u.deadline && Date.now() > Date.parse(u.deadline);
      return h('div', { className: 'cchc-preview' },
        h('h1', {}, u.name),
        h('p', { className: 'cchc-sub' }, `Thẩm định vòng ${u.round} năm ${appraisal.year} — ${fw.title}. ${u.status}`),
        late ? h('p', { className: 'cchc-late', id: 'cchc-ap-late' }, `Đã quá hạn thẩm định vòng ${u.round}: kiểm tra `
          + 'tự động sẽ từ chối kết quả gửi bây giờ. Liên hệ Sở Nội vụ.') : null,
        h('div', { className: 'cchc-summary' },
          h('div', {}, 'Tự chấm: ', h('strong', { id: 'cchc-ap-self' }, vn(t.self)), ' / ',
            h('strong', { id: 'cchc-ap-max' }, vn(t.max)), ' điểm — chỉ số ',
            h('strong', { id: 'cchc-ap-self-index' }, index(t.selfIndex))),
          h('div', {}, 'Sau thẩm định: ', h('strong', { id: 'cchc-ap-appraised' }, vn(t.appraised)), ' / ',
            vn(t.max), ' điểm — chỉ số ', h('strong', { id: 'cchc-ap-index' }, index(t.appraisedIndex))),
          h('div', { className: 'cchc-sub' }, `Chênh lệch: ${diff.gt(0) ? '+' : ''}${vn(diff)} điểm. Chưa gồm điểm điều tra `
            + 'xã hội học.')),
        problems.length
          ? h('div', { className: 'cchc-issues' }, h('h2', {}, `Cần sửa trước khi Lưu (${problems.length})`),
            h('ul', {}, problems.map((p, i) => h('li', { key: i }, p))))
          : h('div', { className: 'cchc-ok', id: 'cchc-ap-ready' },
            `${current.items.filter((it) => it.score !== undefined).length} tiêu chí có điểm thẩm định, `
            + `${current.items.filter((it) => it.request).length} yêu cầu giải trình ở vòng này.`),
        h('table', { className: 'cchc-table' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Mã'), h('th', {}, 'Tiêu chí'), h('th', {}, 'Tự chấm'),
            h('th', {}, 'Sau thẩm định'), h('th', {}, 'Lý do, yêu cầu'))),
          h('tbody', {}, shown.map(row))));
    },
  });
}
