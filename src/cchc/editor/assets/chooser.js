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
  root.innerHTML = `<h1></h1><p></p>
    <input type="search" id="cchc-tim" placeholder="Tìm đơn vị (gõ có dấu hoặc không dấu)" autofocus>`;
  // The province's own words (province.yaml) as text, never as markup.
  root.querySelector('h1').textContent = `Nhập hồ sơ tự đánh giá ${rules.index || 'Chỉ số CCHC'} năm ${rules.year}`;
  root.querySelector('p').textContent = `${rules.province}. Chọn đơn vị của mình; trình duyệt sẽ nhớ lựa chọn này cho lần sau.`;
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
  root.querySelector('#cchc-tim').addEventListener('input', (e) => {
    const q = plain(e.target.value.trim());
    for (const a of root.querySelectorAll('a[data-search]')) a.parentElement.hidden = !a.dataset.search.includes(q);
    for (const ul of root.querySelectorAll('ul')) {
      ul.previousElementSibling.hidden = !ul.querySelector('li:not([hidden])'); // the level's heading
    }
  });
}

export function showUnitBar(rules, unit) {
  const bar = document.createElement('div');
  bar.className = 'cchc-unit-bar';
  bar.innerHTML = 'Đơn vị: <strong></strong> · <a href="?chon">Đổi đơn vị</a>';
  bar.querySelector('strong').textContent = rules.units[unit].name;
  document.body.append(bar);
}
