// The statuses a unit works with: "Bản nháp" and "Gửi đi". The council's state ("Hội đồng đã
// duyệt") is not offered to a unit: its menu entry and its column on the "Hồ sơ đã lưu" board
// are hidden (editor.css). Labels decide nothing anyway: `cchc check-pr` judges the pull
// request, whatever its label says. Choosing "Gửi đi" while the dossier still lacks something
// blocking, or after the unit's deadline, asks first and says what will happen.
import { blockingItems, when } from './dossier.js';
import { draft, state } from './store.js';
import { WORDS } from './words.js';

const SEND = WORDS.editor.editorToolbar.inReview;
const SENT = 'pending_review';
const SHOWN = 3; // blocking items quoted in the question; the preview lists them all

// The question to ask before sending, or null when there is nothing to warn about.
// ``deadline``: ISO time of the unit's self-assessment deadline (the plan's, extensions included).
export function sendQuestion(blocking, deadline, now = Date.now()) {
  const parts = [];
  const late = Boolean(deadline) && now > new Date(deadline).getTime();
  if (late) {
    parts.push(`Đã quá hạn tự đánh giá của đơn vị (${when(deadline)}). Nếu vẫn Gửi đi, kiểm tra tự động sẽ `
      + 'từ chối mọi thay đổi điểm tự chấm và tài liệu kiểm chứng gửi sau hạn; Hội đồng thẩm định chỉ xét bản '
      + 'đã Gửi đi đúng hạn (nếu có). Chỉ Sở Nội vụ gia hạn được.');
  }
  if (blocking && blocking.length) {
    const shown = blocking.slice(0, SHOWN).map((b) => `- ${b}`);
    if (blocking.length > SHOWN) shown.push(`- và ${blocking.length - SHOWN} mục khác (xem khung xem trước).`);
    parts.push(`Hồ sơ còn ${blocking.length} mục cần hoàn thiện:\n${shown.join('\n')}\nNếu vẫn Gửi đi, hồ sơ đến `
      + 'Hội đồng thẩm định như hiện có: kiểm tra tự động báo lỗi và hồ sơ chưa được nhận cho đến khi đơn vị '
      + `sửa xong các mục trên${late ? '' : ', trước hạn tự đánh giá'}.`);
  }
  if (!parts.length) return null;
  return `${parts.join('\n\n')}\n\nChọn OK để vẫn Gửi đi, hoặc Huỷ (Cancel) để quay lại hoàn thiện hồ sơ.`;
}

function currentStatus(collection, unit) {
  return state()?.editorialWorkflow?.getIn(['entities', `${collection}.${unit}`, 'status']);
}

function isSendChoice(target) {
  const item = target instanceof Element && target.closest('[role="menuitem"]');
  return Boolean(item) && item.textContent.trim() === SEND;
}

// Asks (synchronously, as Decap's own questions do) before the status menu's "Gửi đi" acts;
// a clerk who declines stays where they were.
export function confirmSending(rules, unit, collection) {
  const guard = (event) => {
    if (event.type === 'keydown' && !['Enter', ' '].includes(event.key)) return;
    if (!isSendChoice(event.target) || currentStatus(collection, unit) === SENT) return;
    if (state()?.entryDraft?.get('hasChanged')) return; // Decap refuses it and asks to save first
    const entry = draft();
    const question = sendQuestion(entry && blockingItems(rules, unit, entry.data), rules.units[unit].deadline);
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };
  window.addEventListener('click', guard, true);
  window.addEventListener('keydown', guard, true);
}
