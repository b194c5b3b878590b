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

// Decap builds its Redux store with redux-devtools' composeWithDevTools, which takes this hook
// when it is defined (it is read once, when decap-cms.js loads). The page keeps a handle on
// the store to read the draft being edited, and lets its modules see each action after
// Decap's reducers have run (assets/store.js). Nothing here changes what Decap does.
window.cchc = { store: null, afterReduce: [] };
window.__REDUX_DEVTOOLS_EXTENSION_COMPOSE__ = (...enhancers) => (createStore) => (reducer, preloaded) => {
  const { cchc } = window;
  const reduce = (state, action) => cchc.afterReduce.reduce((next, f) => f(next, action, state), reducer(state, action));
  const enhanced = enhancers.reduceRight((make, enhancer) => enhancer(make), createStore);
  cchc.store = enhanced(reduce, preloaded);
  return cchc.store;
};
