// The appraisal side of the editor page. A council member picks their council (?hoi-dong=<id>,
// remembered by the browser) and gets one collection: the units routed to that council whose
// round is open now, one form each. A unit whose explanation round is open gets, beside its
// self-assessment, its explanation form. What is open comes from the plan at the time the
// page was generated (rules.appraisal); `cchc check-pr` judges every pull request anyway.
import { documentFormat, makeAppraisalFormat, makeExplanationFormat } from './appraisal-format.js';
import { makeAppraisalPreview, makeAppraisalWidget } from './appraisal-widget.js';
import { makeStore } from './dossiers.js';
import { makeRequestChoice, makeRequestsWidget, when } from './explanation-widget.js';
import { WORDS, merge } from './words.js';

const KEY = 'cchc-hoi-dong';
const UNIT_KEY = 'cchc-don-vi'; // chooser.js remembers the unit under this name
const h = (tag, props, ...children) => {
  const el = document.createElement(tag);
  Object.assign(el, props || {});
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
};

// The council's words over the clerk's: their pull request goes to another member or the
// administrators for review, not "to the council".
const COUNCIL_WORDS = {
  collection: { sidebar: { collections: 'Thẩm định' } },
  editor: {
    editorToolbar: {
      statusInfoTooltipDraft: 'Kết quả thẩm định đang là bản nháp. Khi đã xong, chuyển trạng thái sang "Gửi đi (chờ '
        + 'duyệt)": thành viên khác của Hội đồng hoặc Sở Nội vụ duyệt rồi gộp.',
      statusInfoTooltipInReview: 'Kết quả thẩm định đã gửi đi, chờ duyệt và gộp trên máy chủ Git.',
      inReview: 'Gửi đi (chờ duyệt)',
      ready: 'Đã duyệt',
      backCollection: ' Thẩm định: %{collectionLabel}',
    },
    editor: { onPublishingNotReady: 'Kết quả thẩm định được gộp trên máy chủ Git, sau khi có người duyệt.' },
  },
  workflow: {
    workflow: {
      description: '%{smart_count} kết quả thẩm định đã gửi đi, chờ duyệt. |||| %{smart_count} kết quả thẩm định đã '
        + 'gửi đi, chờ duyệt.',
    },
    workflowList: { inReviewHeader: 'Đã gửi đi, chờ duyệt', readyHeader: 'Đã duyệt' },
  },
};

function stylesheet() {
  document.head.append(h('link', { rel: 'stylesheet', href: 'appraisal.css' }));
}

export function chosenCouncil(appraisal) {
  const params = new URLSearchParams(window.location.search);
  if (params.has('chon') || params.has('don-vi')) { window.localStorage.removeItem(KEY); return null; }
  const id = params.get('hoi-dong') || window.localStorage.getItem(KEY);
  if (!appraisal || !id || !appraisal.councils[id]) return null;
  window.localStorage.setItem(KEY, id);
  window.localStorage.removeItem(UNIT_KEY);
  return id;
}

// Under the unit chooser: the councils of the year in appraisal.
export function showCouncils(appraisal) {
  const root = document.querySelector('.cchc-chooser');
  if (!appraisal || !root) return;
  const items = Object.entries(appraisal.councils).map(([id, c]) => {
    const open = c.units.filter((u) => appraisal.units[u].round).length;
    return h('li', {}, h('a', { href: `?hoi-dong=${encodeURIComponent(id)}`, textContent: c.name }),
      ` (${open} hồ sơ đang mở thẩm định)`);
  });
  root.append(h('section', { className: 'cchc-councils' },
    h('h2', { textContent: `Hội đồng thẩm định — thẩm định năm ${appraisal.year}` }),
    h('p', { textContent: 'Thành viên Hội đồng chọn hội đồng của mình:' }),
    h('ul', {}, ...items)));
}

function statusList(appraisal, council) {
  const rows = council.units.map((u) => {
    const li = h('li', {}, h('strong', { textContent: appraisal.units[u].name }), `: ${appraisal.units[u].status}`);
    li.dataset.unit = u;
    return li;
  });
  return h('details', { className: 'cchc-council-units' },
    h('summary', { textContent: `Tình trạng ${council.units.length} hồ sơ được phân công` }), h('ul', {}, ...rows));
}

function councilBar(appraisal, council) {
  document.body.append(h('div', { className: 'cchc-unit-bar cchc-council-bar' },
    'Hội đồng: ', h('strong', { textContent: council.name }), ' · ', h('a', { href: '?chon', textContent: 'Đổi' }),
    statusList(appraisal, council)));
}

function nothingOpen(appraisal, council) {
  document.body.append(h('main', { className: 'cchc-chooser' },
    h('h1', { textContent: council.name }),
    h('p', { textContent: `Hiện không có hồ sơ nào đang mở thẩm định (năm ${appraisal.year}). Tình trạng từng hồ sơ:` }),
    statusList(appraisal, council), h('p', {}, h('a', { href: '?chon', textContent: 'Chọn lại' }))));
  document.querySelector('.cchc-council-units').open = true;
}

export function startCouncil(CMS, config, appraisal, id) {
  stylesheet();
  const council = appraisal.councils[id];
  if (!council.collection) { nothingOpen(appraisal, council); return; }
  config.collections = config.collections.filter((c) => c.name === council.collection || c.name === council.docs);
  config.load_config_file = false;
  const store = makeStore(appraisal);
  CMS.registerLocale('vi', merge(merge(CMS.getLocale('vi') || {}, WORDS), COUNCIL_WORDS));
  const opened = () => {
    const m = /^#\/collections\/[^/]+\/entries\/([^/?]+)/.exec(window.location.hash);
    return m ? decodeURIComponent(m[1]) : undefined;
  };
  CMS.registerCustomFormat('cchc-tham-dinh', 'yaml', makeAppraisalFormat(appraisal, opened));
  CMS.registerCustomFormat('cchc-doc', 'yaml', documentFormat);
  CMS.registerWidget('cchc-tham-dinh', makeAppraisalWidget(appraisal, store));
  CMS.registerPreviewStyle('preview.css');
  CMS.registerPreviewStyle('appraisal.css');
  const preview = makeAppraisalPreview(appraisal, store);
  for (const unit of council.units) if (appraisal.units[unit].round) CMS.registerPreviewTemplate(unit, preview);
  // A unit's form opened before its file exists has no hidden defaults: its id comes from the entry.
  CMS.registerEventListener({ name: 'preSave', handler: ({ entry }) => entry.get('data').set('unit', entry.get('slug')) });
  const list = `#/collections/${council.collection}`;
  const land = () => { if (['', '#/'].includes(window.location.hash)) window.location.replace(list); };
  window.addEventListener('hashchange', land);
  land();
  councilBar(appraisal, council);
  CMS.init({ config });
}

// A unit in its explanation round: {collections, landing} to add to its page, or null.
export function explanationFor(CMS, collections, appraisal, unit) {
  const u = appraisal && appraisal.units[unit];
  if (!u || !u.explanation) return null;
  stylesheet();
  const store = makeStore(appraisal);
  CMS.registerCustomFormat('cchc-giai-trinh', 'yaml', makeExplanationFormat(appraisal, unit));
  CMS.registerCustomFormat('cchc-doc', 'yaml', documentFormat);
  CMS.registerWidget('cchc-yeu-cau', makeRequestsWidget(appraisal, store, unit));
  CMS.registerWidget('cchc-ma-yeu-cau', makeRequestChoice(appraisal, store, unit));
  const list = `#/collections/${u.collection}`;
  const landing = `${list}/entries/giai-trinh`;
  return {
    form: collections.find((c) => c.name === u.collection),
    docs: collections.find((c) => c.name === u.docs),
    entries: { [list]: landing }, // the collection holds one entry: its form
    landing,
    // In the unit's bar: the way back to the explanation from its self-assessment.
    showLink(selfAssessment) {
      const bar = document.querySelector('.cchc-unit-bar');
      if (bar) {
        bar.append(' · ', h('a', { href: selfAssessment, textContent: 'Hồ sơ tự đánh giá' }), ' · ',
          h('a', { href: landing, textContent: `Giải trình (hạn ${when(u.deadline)})` }));
      }
    },
  };
}
