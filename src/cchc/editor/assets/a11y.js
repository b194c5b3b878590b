// Names that Decap leaves out, for screen readers (axe-core "serious" findings otherwise):
// the preview frame, and its dialogs (the media library), named by their own heading.
function name() {
  const frame = document.getElementById('preview-pane');
  if (frame && !frame.title) frame.title = 'Xem trước: tổng điểm và những việc còn thiếu';
  for (const dialog of document.querySelectorAll('[role="dialog"]:not([aria-label]):not([aria-labelledby])')) {
    const heading = dialog.querySelector('h1, h2, h3');
    dialog.setAttribute('aria-label', (heading && heading.textContent.trim()) || 'Hộp thoại');
  }
}

export function nameUnnamed() {
  new MutationObserver(name).observe(document.body, { childList: true, subtree: true });
}
