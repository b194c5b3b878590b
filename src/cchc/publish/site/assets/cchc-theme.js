/* mkdocs-material's inline scripts, served as a file so that the Content-Security-Policy can
   forbid inline scripts (overrides/partials/javascripts/). First the globals the theme's bundle
   reads, as in the theme's partials/javascripts/base.html, with the base URL from this script's
   data-base attribute; then, once the page is parsed, the theme's partials/javascripts/content.html
   (its "content.tabs.link" part is not used by this site). */
(function () {
  var base = (document.currentScript && document.currentScript.dataset.base) || ".";
  window.__md_scope = new URL(base, location);
  window.__md_hash = (e) => [...e].reduce((h, c) => (h << 5) - h + c.charCodeAt(0), 0);
  window.__md_get = (e, s = localStorage, t = window.__md_scope) => JSON.parse(s.getItem(t.pathname + "." + e));
  window.__md_set = (e, v, s = localStorage, t = window.__md_scope) => {
    try { s.setItem(t.pathname + "." + e, JSON.stringify(v)); } catch (err) { /* storage full or disabled */ }
  };
  document.addEventListener("DOMContentLoaded", () => {
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
  });
})();
