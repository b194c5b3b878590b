// The unit's side of the explanation round: the council's requests (widget "cchc-yeu-cau",
// shown above the answers, each marked answered or not) and, in each answer, the choice of
// the criterion it answers (widget "cchc-ma-yeu-cau"), among the requested ones only.
import { blank, decimal } from './format.js';
import { vn } from './totals.js';
import { listOf } from './yamldoc.js';

const h = (...args) => window.h(...args);

// "2026-03-01T23:59:59+07:00" -> "23:59 ngày 01/03/2026", in the plan's own offset.
export function when(iso) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(iso || '');
  return m ? `${m[4]}:${m[5]} ngày ${m[3]}/${m[2]}/${m[1]}` : '';
}

function titles(appraisal, unit) {
  const u = appraisal.units[unit];
  const fw = u && appraisal.frameworks[u.framework];
  return new Map((fw ? fw.areas : []).flatMap((a) => a.leaves).map((l) => [l.code, l.title]));
}

function answered(entry) {
  const answers = entry ? entry.getIn(['data', 'answers']) : null;
  const list = answers && typeof answers.toJS === 'function' ? answers.toJS() : listOf(answers);
  return new Set(listOf(list).filter((a) => !blank(a.text)).map((a) => String(a.code)));
}

function loading(component, store, unit) {
  return {
    getInitialState() { return { requests: store.peek(`r:${unit}`) }; },
    componentDidMount() {
      if (this.state.requests) return;
      store.requests(this.props.loadEntry, unit).then((requests) => { if (!this.gone) this.setState({ requests }); });
    },
    componentWillUnmount() { this.gone = true; },
    ...component,
  };
}

export function makeRequestsWidget(appraisal, store, unit) {
  const names = titles(appraisal, unit);
  return window.createClass(loading({
    shouldComponentUpdate() { return true; }, // the answered marks follow the answers below
    render() {
      const { requests } = this.state;
      const u = appraisal.units[unit];
      const late = Date.now() > Date.parse(u.deadline);
      const head = h('p', { className: late ? 'cchc-ex-deadline cchc-ex-open' : 'cchc-ex-deadline' },
        `Hạn giải trình: ${when(u.deadline)}.${late ? ' Đã quá hạn: giải trình gửi bây giờ sẽ bị từ chối.' : ''}`);
      if (!requests) return h('div', { id: this.props.forID, className: 'cchc-ex' }, head, h('p', {}, 'Đang tải…'));
      const done = answered(this.props.entry);
      return h('div', { id: this.props.forID, className: 'cchc-ex' }, head,
        requests.size ? h('ol', { className: 'cchc-ex-requests' }, [...requests].map(([code, it]) => h('li', {
          key: code, 'data-code': code },
        h('strong', {}, `${code}. ${names.get(code) || ''}`),
        h('p', {}, `Hội đồng yêu cầu: ${it.request}`),
        blank(it.score) ? null
          : h('p', {}, `Điểm thẩm định vòng 1: ${vn(decimal(it.score))}${blank(it.reason) ? '' : ` — ${it.reason}`}`),
        h('p', { className: done.has(code) ? 'cchc-ex-done' : 'cchc-ex-open' },
          done.has(code) ? 'Đã có nội dung giải trình.' : 'Chưa trả lời: bấm "Thêm nội dung giải trình" bên dưới.'))))
          : h('p', {}, 'Hội đồng không có yêu cầu giải trình nào đối với đơn vị.'),
        h('p', { className: 'cchc-sub' }, 'Mỗi yêu cầu một nội dung giải trình; tài liệu bổ sung tải lên ở từng nội dung, '
          + 'được lưu vào thư mục tài liệu kiểm chứng của đơn vị. Không sửa được điểm tự chấm và tài liệu kiểm chứng đã nộp.'));
    },
  }, store, unit));
}

export function makeRequestChoice(appraisal, store, unit) {
  const names = titles(appraisal, unit);
  return window.createClass(loading({
    isValid() {
      const { value } = this.props;
      const { requests } = this.state;
      if (blank(value) || !requests || requests.has(String(value))) return true;
      return { error: { type: 'CUSTOM', message: `Hội đồng không yêu cầu giải trình tiêu chí ${value}.` } };
    },
    render() {
      const { forID, value, classNameWrapper, onChange } = this.props;
      const requests = this.state.requests || new Map();
      const chosen = blank(value) ? '' : String(value);
      const item = requests.get(chosen);
      return h('div', { className: 'cchc-ex-choice' },
        h('select', { id: forID, className: classNameWrapper, value: chosen, onChange: (e) => onChange(e.target.value) },
          h('option', { value: '' }, '— Chọn tiêu chí Hội đồng yêu cầu giải trình —'),
          [...requests.keys()].map((code) => h('option', { key: code, value: code }, `${code}. ${names.get(code) || ''}`)),
          chosen && !requests.has(chosen) ? h('option', { value: chosen }, chosen) : null),
        item ? h('p', { className: 'cchc-sub' }, `Hội đồng yêu cầu: ${item.request}`) : null);
    },
  }, store, unit));
}
