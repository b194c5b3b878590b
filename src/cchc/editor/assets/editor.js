// Entry point of the editor page: load the rule data generated with config.yml, let the
// clerk pick their unit, register the self-assessment file format, the preview and the
// clerk's words, then start Decap CMS on that unit's collection only (a province has
// hundreds of units; Decap would otherwise prepare every one of their forms).
import { parse } from './vendor/yaml/index.js';
import { nameUnnamed } from './a11y.js';
import { reportAfterSave } from './aftersave.js';
import { keepRestoredDraft } from './backup.js';
import { chosenUnit, showChooser, showLoginTitle, showUnitBar } from './chooser.js';
import { chosenCouncil, explanationFor, showCouncils, startCouncil } from './council.js';
import { makeFormat } from './format.js';
import { registerPdfWidget } from './pdfwidget.js';
import { makePreview } from './preview.js';
import { draft, subscribe } from './store.js';
import { checkUploads } from './upload.js';
import { WORDS, merge } from './words.js';
import { confirmSending } from './workflow.js';

const CMS = window.CMS;
const fetchText = (url) => fetch(url, { cache: 'no-cache' }).then((r) => {
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.text();
});
const rules = JSON.parse(await fetchText('cchc-editor.json'));
const council = chosenCouncil(rules.appraisal); // a council member appraising (assets/council.js)
const unit = council ? null : chosenUnit(rules);

if (council) {
  showLoginTitle(rules);
  nameUnnamed();
  startCouncil(CMS, parse(await fetchText('config.yml'), { maxAliasCount: -1 }), rules.appraisal, council);
} else if (!unit) {
  showChooser(rules);
  showCouncils(rules.appraisal);
} else {
  const config = parse(await fetchText('config.yml'), { maxAliasCount: -1 });
  const collection = config.collections.find((c) => c.format === 'cchc-tu-danh-gia'
    && c.files.some((f) => f.name === unit));
  const explanation = explanationFor(CMS, config.collections, rules.appraisal, unit); // its explanation round, if open
  // Its open step first: Decap opens the first collection after signing in.
  config.collections = explanation ? [explanation.form, collection, explanation.docs] : [collection];
  config.load_config_file = false;
  // The "Tệp đã tải lên" tab shows, and uploads into, the unit's own evidence folder.
  config.media_folder = collection.files[0].file.replace(/[^/]+$/, 'evidence');

  CMS.registerLocale('vi', merge(CMS.getLocale('vi') || {}, WORDS));
  CMS.registerCustomFormat('cchc-tu-danh-gia', 'yaml', makeFormat(rules, unit));
  CMS.registerPreviewStyle('preview.css');
  CMS.registerPreviewTemplate(unit, makePreview(rules));
  registerPdfWidget(CMS);
  // A unit that has not submitted yet has no file: Decap then opens it without the hidden
  // defaults, so the unit and year are set from the entry itself before every save.
  CMS.registerEventListener({
    name: 'preSave',
    handler: ({ entry }) => (entry.get('collection') !== collection.name ? entry.get('data')
      : entry.get('data').set('unit', entry.get('slug')).set('year', rules.year)),
  });
  // The unit's collection holds one entry: go straight to its form (or its open explanation
  // round's) when the page opens and after login (Decap then shows the collection); once a
  // form has been open, the clerk may leave it for the list.
  const list = `#/collections/${collection.name}`;
  const entries = { [list]: `${list}/entries/${unit}`, ...(explanation ? explanation.entries : {}) };
  let formShown = false;
  const unsubscribe = subscribe(() => {
    if (!draft()) return;
    formShown = true;
    unsubscribe();
  });
  const toEntry = () => {
    if (formShown) {
      window.removeEventListener('hashchange', toEntry);
      return;
    }
    const { hash } = window.location;
    const target = ['', '#/'].includes(hash) ? Object.values(entries).pop() : entries[hash];
    if (target) window.location.replace(target);
  };
  window.addEventListener('hashchange', toEntry);
  toEntry();
  showLoginTitle(rules);
  showUnitBar(rules, unit);
  if (explanation) explanation.showLink(`${list}/entries/${unit}`);
  nameUnnamed();
  keepRestoredDraft();
  checkUploads(rules.max_file_bytes);
  confirmSending(rules, unit, collection.name);
  reportAfterSave(CMS, config.backend, collection.name, unit);
  CMS.init({ config });
}
