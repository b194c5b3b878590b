// Every file a clerk uploads is checked before Decap sees it: a real, unencrypted PDF under
// the plan's size limit (checks.js), else it is refused with the reason. An accepted file is
// renamed to a safe ASCII name that no other file of the dossier has (Decap would otherwise
// keep the accents, which Git and the local backend mangle, or offer to overwrite a file with
// the same name); its original name is remembered as the document's title (pdfwidget.js).
import { pdfProblem, safeName, sizeProblem, titleOf } from './checks.js';
import { draft, state } from './store.js';

const titles = new Map(); // safe name -> the clerk's own name for the document
const PASSED = 'cchcChecked';

export const originalTitle = (name) => titles.get(name);

const baseName = (path) => String(path).split('/').pop().toLowerCase();

function filesIn(value, out) {
  if (Array.isArray(value)) value.forEach((v) => filesIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'file' && typeof v === 'string' && v) out.add(baseName(v));
      else filesIn(v, out);
    }
  }
  return out;
}

const addNames = (taken, files) => {
  for (const f of files || []) if (f && (f.name || f.path)) taken.add(baseName(f.name || f.path));
  return taken;
};

// Names already in use: the draft's uploads (Decap's media files of the entry) and every file
// its criteria and report cite; outside a dossier, the files the "Tệp đã tải lên" tab lists.
function takenNames() {
  const entry = draft();
  if (entry) return addNames(filesIn(entry.data, new Set()), entry.mediaFiles);
  return addNames(new Set(), state()?.mediaLibrary?.get('files'));
}

async function check(input, maxBytes) {
  const [file] = input.files;
  if (!file) return;
  const problem = sizeProblem(file.size, maxBytes) || pdfProblem(new Uint8Array(await file.arrayBuffer()), maxBytes);
  if (problem) {
    input.value = '';
    window.alert(`Không nhận tệp "${file.name}": ${problem}`);
    return;
  }
  const name = safeName(file.name, takenNames());
  titles.set(name, titleOf(file.name));
  const renamed = new File([file], name, { type: 'application/pdf', lastModified: file.lastModified });
  const list = new DataTransfer();
  list.items.add(renamed);
  input.files = list.files;
  input.dataset[PASSED] = '1';
  try {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  } finally {
    delete input.dataset[PASSED];
  }
}

export function checkUploads(maxBytes) {
  // Capture, on the window: runs before React's own listener on the page's root.
  window.addEventListener('change', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'file' || input.dataset[PASSED]) return;
    event.stopImmediatePropagation();
    check(input, maxBytes);
  }, true);
  // The file picker offers PDFs first (a clerk can still pick another file: it is then refused).
  window.addEventListener('click', (event) => {
    const input = event.target instanceof Element && event.target.closest('label')?.querySelector('input[type=file]');
    if (input) input.accept = '.pdf,application/pdf';
  }, true);
}
