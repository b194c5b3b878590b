// Runs before Decap CMS (a file, not an inline script: the page's Content-Security-Policy
// allows none). Decap waits for CMS.init (assets/editor.js), and if editor.js cannot be
// loaded the clerk is told so instead of facing a blank page.
window.CMS_MANUAL_INIT = true;
window.addEventListener('error', (event) => {
  const el = event.target;
  if (!(el instanceof HTMLScriptElement) || !el.src.endsWith('/editor.js')) return;
  const p = document.createElement('p');
  p.textContent = 'Không tải được trình nhập liệu. Hãy tải lại trang; nếu vẫn lỗi, báo cho Sở Nội vụ.';
  document.body.append(p);
}, true); // a script's load error does not bubble: listen while it travels down
