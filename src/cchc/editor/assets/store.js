// The Decap CMS Redux store, captured by boot.js: what the clerk is editing now, and a way
// to adjust Decap's state after its own reducers (used where Decap 3.16 gets it wrong).
// Action types and state keys are Decap's (decap-cms-core 3.19, bundled by decap-cms 3.16.3);
// the editor's browser tests run against exactly that version.
const cchc = () => window.cchc || { store: null, afterReduce: [] };

// f(next, action, previous) -> the state to keep; runs after Decap's reducers, in order.
export function afterReduce(f) {
  cchc().afterReduce.push(f);
}

export function state() {
  const { store } = cchc();
  return store ? store.getState() : undefined;
}

export function subscribe(listener) {
  const { store } = cchc();
  return store ? store.subscribe(listener) : () => {};
}

// The entry in the editor: {data, mediaFiles, slug} as plain objects, or null when none is open.
export function draft() {
  const entry = state()?.entryDraft?.get('entry');
  if (!entry || !entry.get('slug')) return null;
  const plain = entry.toJS();
  return { data: plain.data || {}, mediaFiles: plain.mediaFiles || [], slug: plain.slug };
}
