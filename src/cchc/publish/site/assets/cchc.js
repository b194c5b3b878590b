/* Results site behaviour: sortable tables, charts, search. Everything is served by the site itself. */
(function () {
  var here = document.currentScript && document.currentScript.src;
  var root = here ? here.replace(/assets\/cchc\.js(\?.*)?$/, "") : "./";

  function sortables() {
    document.querySelectorAll("table.cchc-sortable").forEach(function (t) {
      if (!t.dataset.cchcSort && window.Tablesort) { new window.Tablesort(t); t.dataset.cchcSort = "1"; }
    });
  }

  // A chart in a folded section (an earlier year) is drawn when the section opens: it takes
  // its width from the page, which a closed <details> does not give.
  function whenOpened(details) {
    if (details.dataset.cchcWait) return;
    details.dataset.cchcWait = "1";
    details.addEventListener("toggle", function () { if (details.open) charts(details); });
  }

  function charts(scope) {
    if (!window.vegaEmbed) return;
    (scope || document).querySelectorAll("figure.cchc-chart[data-vl]").forEach(function (el) {
      if (el.dataset.done) return;
      var closed = el.closest("details:not([open])");
      if (closed) { whenOpened(closed); return; }
      el.dataset.done = "1";
      window.vegaEmbed(el, JSON.parse(el.dataset.vl), {
        actions: false, renderer: "svg",
        // The Content-Security-Policy allows no eval and no inline style: vega's expression
        // interpreter instead of generated functions, and the style rules vega-embed and
        // vega-tooltip would inject are in cchc.css.
        ast: true, defaultStyle: false, tooltip: { disableDefaultStyle: true }
      })
        .catch(function () { el.textContent = "Không hiển thị được biểu đồ; số liệu có trong bảng."; });
    });
  }

  // A table wider than the screen scrolls sideways inside its box: a keyboard user reaches it
  // with Tab and scrolls with the arrow keys (axe: scrollable-region-focusable). Only boxes
  // that do scroll become tab stops; checked again when the window is resized.
  function scrollables() {
    document.querySelectorAll(".cchc-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    });
  }

  // Pagefind's input has only a title and a placeholder: it takes the id the page's <label>
  // names, or, on a page without one, an accessible name of its own.
  function labelled(input) {
    if (!input) return;
    input.id = "cchc-search-input";
    if (!document.querySelector('label[for="cchc-search-input"]')) input.setAttribute("aria-label", "Tìm kiếm");
  }

  function search() {
    var box = document.getElementById("cchc-search");
    if (!box || box.dataset.done) return;
    box.dataset.done = "1";
    var css = document.createElement("link");
    css.rel = "stylesheet"; css.href = root + "pagefind/pagefind-ui.css";
    document.head.appendChild(css);
    var s = document.createElement("script");
    s.src = root + "pagefind/pagefind-ui.js";
    s.onload = function () {
      new window.PagefindUI({
        element: "#cchc-search", showSubResults: false, showImages: false, resetStyles: false,
        translations: { placeholder: "Tìm đơn vị, tiêu chí…", zero_results: "Không tìm thấy kết quả cho [SEARCH_TERM]",
                        many_results: "[COUNT] kết quả cho [SEARCH_TERM]", one_result: "1 kết quả cho [SEARCH_TERM]",
                        load_more: "Xem thêm", search_label: "Tìm kiếm", clear_search: "Xoá" }
      });
      labelled(box.querySelector("input"));
      var q = new URLSearchParams(location.search).get("q");
      if (q) { var input = box.querySelector("input"); if (input) { input.value = q; input.dispatchEvent(new Event("input")); } }
    };
    document.body.appendChild(s);
  }

  function init() {
    sortables(); charts(null); search(); scrollables();
    window.addEventListener("resize", scrollables);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
