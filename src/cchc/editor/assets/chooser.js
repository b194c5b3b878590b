// Which unit the page edits: ?don-vi=<id>, else the one this browser remembers, else the
// clerk picks it from the list (searchable with or without diacritics). A clerk then sees
// only their own unit's dossier.
const KEY = 'cchc-don-vi';

const plain = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd')
  .replace(/Đ/g, 'D').toLowerCase();

export function chosenUnit(rules) {
  const params = new URLSearchParams(window.location.search);
  if (params.has('chon')) { window.localStorage.removeItem(KEY); return null; }
  const unit = params.get('don-vi') || window.localStorage.getItem(KEY);
  if (!unit || !rules.units[unit]) return null;
  window.localStorage.setItem(KEY, unit);
  return unit;
}

export function showChooser(rules) {
  const root = document.createElement('main');
  root.className = 'cchc-chooser';
  const byLevel = new Map();
  for (const [id, u] of Object.entries(rules.units)) {
    if (!byLevel.has(u.level)) byLevel.set(u.level, []);
    byLevel.get(u.level).push([id, u]);
  }
  // Names come from the data: text nodes only, never HTML.
  const title = document.createElement('h1');
  title.textContent = `Nhập hồ sơ tự đánh giá ${rules.index || 'Chỉ số CCHC'} năm ${rules.year}`;
  const lead = document.createElement('p');
  lead.textContent = `${rules.province}. Chọn đơn vị của mình; trình duyệt sẽ nhớ lựa chọn này cho lần sau.`;
  const search = document.createElement('input');
  Object.assign(search, { type: 'search', id: 'cchc-tim', placeholder: 'Tìm đơn vị (gõ có dấu hoặc không dấu)',
    autofocus: true });
  root.append(title, lead, search);
  for (const [level, units] of byLevel) {
    const h2 = document.createElement('h2');
    h2.textContent = rules.levels[level] || level;
    const ul = document.createElement('ul');
    for (const [id, u] of units) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `?don-vi=${encodeURIComponent(id)}`;
      a.textContent = u.name;
      a.dataset.search = plain(`${u.name} ${id}`);
      li.append(a);
      ul.append(li);
    }
    root.append(h2, ul);
  }
  document.body.append(root);
  search.addEventListener('input', (e) => {
    const q = plain(e.target.value.trim());
    for (const a of root.querySelectorAll('a[data-search]')) a.parentElement.hidden = !a.dataset.search.includes(q);
    for (const ul of root.querySelectorAll('ul')) {
      ul.previousElementSibling.hidden = !ul.querySelector('li:not([hidden])'); // the level's heading
    }
  });
}

// Decap's login page shows only its own logo and a button: the page names the province and
// what is entered here (editor.css shows this heading while the login page is up).
export function showLoginTitle(rules) {
  const header = document.createElement('header');
  header.className = 'cchc-login';
  const title = document.createElement('h1');
  title.textContent = rules.province || rules.index || 'Chỉ số CCHC';
  const what = document.createElement('p');
  what.textContent = `Nhập hồ sơ tự đánh giá ${rules.index || 'Chỉ số CCHC'} năm ${rules.year}`;
  const who = document.createElement('p');
  who.textContent = 'Đăng nhập bằng tài khoản đã đăng ký cho đơn vị.';
  header.append(title, what, who);
  document.body.prepend(header);
}

export function showUnitBar(rules, unit) {
  const bar = document.createElement('nav');
  bar.className = 'cchc-unit-bar';
  bar.setAttribute('aria-label', 'Đơn vị');
  const name = document.createElement('strong');
  name.textContent = rules.units[unit].name;
  const change = document.createElement('a');
  change.href = '?chon';
  change.textContent = 'Đổi đơn vị';
  bar.append('Đơn vị: ', name, ' · ', change);
  document.body.append(bar);
}
