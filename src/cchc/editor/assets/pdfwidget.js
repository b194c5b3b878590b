// The "cchc-pdf" widget: Decap's file widget, showing the chosen file by its name (not its
// path inside the dossier), and, when the clerk has just uploaded it, putting the file's
// original name into the document's title if that is still empty.
import { originalTitle } from './upload.js';

const h = (...args) => window.h(...args);
const baseName = (path) => String(path).split('/').pop();

// Sets a text input the way a keystroke would, so that Decap (React) records the value.
function type(input, value) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

// The title input of the document this widget belongs to: the nearest enclosing part of
// the form that holds exactly one title and no other PDF input (the report has no title).
function titleInput(root) {
  for (let el = root.parentElement; el; el = el.parentElement) {
    if (el.querySelectorAll('.cchc-pdf').length > 1) return null;
    const titles = el.querySelectorAll('input[id^="title-field-"]');
    if (titles.length === 1) return titles[0];
  }
  return null;
}

export function registerPdfWidget(CMS) {
  const file = CMS.getWidget('file');
  const Control = window.createClass({
    // Decap re-renders a widget only when this says so (or, without it, when its value
    // changes): the file control inside must also see the file the clerk has just chosen.
    shouldComponentUpdate(next) {
      const now = this.props;
      return next.value !== now.value || next.getAsset !== now.getAsset || next.mediaPaths !== now.mediaPaths;
    },
    componentDidUpdate(previous) {
      const { value } = this.props;
      if (!value || value === previous.value || !this.root) return;
      const title = originalTitle(baseName(value));
      const input = title && titleInput(this.root);
      if (input && !input.value.trim()) type(input, title);
    },
    render() {
      const { value } = this.props;
      return h('div', { className: 'cchc-pdf', ref: (el) => { this.root = el; } },
        value ? h('p', { className: 'cchc-pdf-name' }, 'Tệp đã chọn: ', h('strong', {}, baseName(value))) : null,
        h(file.control, this.props));
    },
  });
  CMS.registerWidget('cchc-pdf', Control, file.preview, file.schema);
}
