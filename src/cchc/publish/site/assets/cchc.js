/* Results site behaviour: sortable tables, search. Everything is served by the site itself. */
(function () {
  var here = document.currentScript && document.currentScript.src;
  var root = here ? here.replace(/assets\/cchc\.js(\?.*)?$/, "") : "./";

  function sortables() {
    document.querySelectorAll("table.cchc-sortable").forEach(function (t) {
      if (!t.dataset.cchcSort && window.Tablesort) { new window.Tablesort(t); t.dataset.cchcSort = "1"; }
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
    sortables(); search(); scrollables();
    window.addEventListener("resize", scrollables);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
