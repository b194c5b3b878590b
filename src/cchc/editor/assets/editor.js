// Entry point of the editor page: load the rule data generated with config.yml, let the
// clerk pick their unit, register the self-assessment file format, the preview and the
// clerk's words, then start Decap CMS on that unit's collection only (a province has
// hundreds of units; Decap would otherwise prepare every one of their forms).
import { parse } from './vendor/yaml/index.js';
import { chosenUnit, showChooser, showUnitBar } from './chooser.js';
import { makeFormat } from './format.js';
import { makePreview } from './preview.js';
import { WORDS, merge } from './words.js';

const CMS = window.CMS;
const fetchText = (url) => fetch(url, { cache: 'no-cache' }).then((r) => {
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.text();
});
const rules = JSON.parse(await fetchText('cchc-editor.json'));
const unit = chosenUnit(rules);

if (!unit) {
  showChooser(rules);
} else {
  const config = parse(await fetchText('config.yml'), { maxAliasCount: -1 });
  const collection = config.collections.find((c) => c.files.some((f) => f.name === unit));
  config.collections = [collection];
  config.load_config_file = false;
  // The "Tệp đã tải lên" tab shows, and uploads into, the unit's own evidence folder.
  config.media_folder = collection.files[0].file.replace(/[^/]+$/, 'evidence');

  CMS.registerLocale('vi', merge(CMS.getLocale('vi') || {}, WORDS));
  CMS.registerCustomFormat('cchc-tu-danh-gia', 'yaml', makeFormat(rules));
  CMS.registerPreviewStyle('preview.css');
  CMS.registerPreviewTemplate(unit, makePreview(rules));
  // A unit that has not submitted yet has no file: Decap then opens it without the hidden
  // defaults, so the unit and year are set from the entry itself before every save.
  CMS.registerEventListener({
    name: 'preSave',
    handler: ({ entry }) => entry.get('data').set('unit', entry.get('slug')).set('year', rules.year),
  });
  // The unit's collection holds one entry: go straight to its form, now and after login.
  const list = `#/collections/${collection.name}`;
  const toEntry = () => {
    if (['', '#/', list].includes(window.location.hash)) window.location.replace(`${list}/entries/${unit}`);
  };
  window.addEventListener('hashchange', toEntry);
  toEntry();
  showUnitBar(rules, unit);
  CMS.init({ config });
}
