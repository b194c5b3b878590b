// After each save (and each change of status), a panel says where the dossier went: with a
// forge (GitHub, Forgejo), a link to the unit's pull request and the verdict of "Kiểm tra hồ
// sơ", asked from the forge's API with the clerk's own login and refreshed while it runs; with
// the local backend (decap-server, no pull requests, no CI), the branch and the command that
// checks it.
import { CHECK_TEXT, branchOf, checkOf, pullFor, pullsPage } from './forge.js';
import { afterReduce } from './store.js';

const REFRESH_MS = 30_000;
const REFRESHES = 20; // about ten minutes: a check run takes a few
const STATUS_CHANGED = 'UNPUBLISHED_ENTRY_STATUS_CHANGE_SUCCESS';

function panel() {
  let el = document.getElementById('cchc-forge');
  if (!el) {
    el = document.createElement('section');
    el.id = 'cchc-forge';
    el.className = 'cchc-forge';
    el.setAttribute('aria-label', 'Hồ sơ trên máy chủ Git');
    el.setAttribute('aria-live', 'polite');
    document.body.append(el);
  }
  return el;
}

function show(...children) {
  const el = panel();
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'cchc-forge-close';
  close.textContent = 'Đóng thông báo';
  close.addEventListener('click', () => el.remove());
  el.replaceChildren(...children, close);
}

const para = (...parts) => {
  const p = document.createElement('p');
  p.append(...parts);
  return p;
};
const code = (text) => Object.assign(document.createElement('code'), { textContent: text });
const link = (href, text) => Object.assign(document.createElement('a'), { href, textContent: text,
  target: '_blank', rel: 'noopener noreferrer' });

function showLocal(branch) {
  show(
    para('Đã lưu hồ sơ vào nhánh ', code(branch), ' của kho trên máy này.'),
    para('Máy chủ cục bộ không mở yêu cầu gộp và không chạy kiểm tra tự động. Kiểm tra hồ sơ bằng lệnh ',
      code(`cchc check-pr --local --head ${branch}`), ' trong thư mục kho.'),
  );
}

function login() {
  try {
    return JSON.parse(window.localStorage.getItem('decap-cms-user') || '{}');
  } catch (e) {
    return {};
  }
}

async function api(backend, path) {
  const root = backend.api_root || 'https://api.github.com';
  const response = await fetch(`${root}${path}`, {
    headers: { Accept: 'application/json', Authorization: `token ${login().token}` },
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function findPull(backend, branch) {
  const user = login();
  const owner = user.useOpenAuthoring ? user.login : backend.repo.split('/')[0];
  if (backend.name === 'github') {
    const head = encodeURIComponent(`${owner}:${branch}`);
    return pullFor(await api(backend, `/repos/${backend.repo}/pulls?state=open&head=${head}`), branch, owner);
  }
  for (let page = 1; page <= 20; page += 1) { // Forgejo filters by base branch only
    const pulls = await api(backend, `/repos/${backend.repo}/pulls?state=open&limit=50&page=${page}`);
    const found = pullFor(pulls, branch, owner);
    if (found || pulls.length < 50) return found;
  }
  return null;
}

function showForge(backend, branch, pull, check) {
  if (!pull) {
    const page = pullsPage(backend);
    show(para('Đã lưu hồ sơ (nhánh ', code(branch), '). Chưa thấy yêu cầu gộp của hồ sơ: với chế độ bản sao '
      + 'riêng, yêu cầu gộp được mở khi chọn Gửi đi.', ...(page ? [' Danh sách yêu cầu gộp: ', link(page, page)] : [])));
    return;
  }
  const parts = [para('Đã lưu hồ sơ. ', link(pull.html_url, `Yêu cầu gộp #${pull.number}`), ' trên máy chủ Git.'),
    para(CHECK_TEXT[check.state])];
  if (check.url) parts.push(para(link(check.url, 'Xem chi tiết lần kiểm tra')));
  show(...parts);
}

function watchForge(backend, branch) {
  let timer = null;
  const refresh = async (left) => {
    clearTimeout(timer);
    try {
      const pull = await findPull(backend, branch);
      const check = pull ? checkOf(await api(backend, `/repos/${backend.repo}/commits/${pull.head.sha}/status`))
        : { state: 'missing', url: null };
      showForge(backend, branch, pull, check);
      if (left > 0 && ['pending', 'missing'].includes(check.state)) timer = setTimeout(() => refresh(left - 1), REFRESH_MS);
    } catch (e) {
      const page = pullsPage(backend);
      show(para('Đã lưu hồ sơ, nhưng không hỏi được máy chủ Git về yêu cầu gộp và kết quả kiểm tra. ',
        ...(page ? ['Xem tại ', link(page, page), '.'] : [])));
    }
  };
  return () => refresh(REFRESHES);
}

export function reportAfterSave(CMS, backend, collection, unit) {
  const branch = branchOf(collection, unit);
  const report = backend.name === 'proxy' ? () => showLocal(branch) : watchForge(backend, branch);
  CMS.registerEventListener({ name: 'postSave', handler: () => { report(); } });
  afterReduce((next, action) => {
    if (action.type === STATUS_CHANGED) setTimeout(report, 0); // after the reducer, never inside it
    return next;
  });
}
