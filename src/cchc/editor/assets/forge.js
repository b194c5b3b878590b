// Where a saved dossier stands on the forge, read from the forge's API answers: the unit's
// pull request (Decap's branch cms/<collection>/<unit>) and the verdict of the required
// check "Kiểm tra hồ sơ" (the commit status the validation workflow writes). Pure functions
// over GitHub's and Forgejo's JSON (run under Node by the tests); aftersave.js fetches.
export const CHECK = 'Kiểm tra hồ sơ';

export const branchOf = (collection, unit) => `cms/${collection}/${unit}`;

// The open pull request from ``branch`` (of ``owner``'s repository when given) in ``pulls``.
export function pullFor(pulls, branch, owner) {
  return (Array.isArray(pulls) ? pulls : []).find((pr) => {
    const head = (pr && pr.head) || {};
    if (head.ref !== branch) return false;
    const by = head.repo?.owner?.login || String(head.label || '').split(':')[0];
    return !owner || !by || by === owner;
  }) || null;
}

// {state, url}: success | failure | pending | missing, from a combined commit status
// (GitHub names each status's result "state", Forgejo "status").
export function checkOf(combined) {
  const found = ((combined && combined.statuses) || []).find((s) => s && s.context === CHECK);
  if (!found) return { state: 'missing', url: null };
  const result = found.state || found.status;
  const state = { success: 'success', failure: 'failure', error: 'failure' }[result] || 'pending';
  return { state, url: found.target_url || null };
}

export const CHECK_TEXT = {
  success: 'Kiểm tra hồ sơ: đạt.',
  failure: 'Kiểm tra hồ sơ: chưa đạt. Mở yêu cầu gộp để xem từng lỗi (trong bình luận của hệ thống), sửa rồi Lưu lại.',
  pending: 'Kiểm tra hồ sơ: đang chạy (thường vài phút); kết quả tự cập nhật trên trang này.',
  missing: 'Kiểm tra hồ sơ: chưa có kết quả; kết quả tự cập nhật trên trang này.',
};

// Where a person sees the pull requests when the API cannot be asked.
export function pullsPage(backend) {
  if (backend.name === 'github') {
    const api = backend.api_root || 'https://api.github.com';
    const web = api === 'https://api.github.com' ? 'https://github.com' : new URL(api).origin;
    return `${web}/${backend.repo}/pulls`;
  }
  if (backend.name === 'forgejo' && backend.api_root) return `${new URL(backend.api_root).origin}/${backend.repo}/pulls`;
  return null;
}
