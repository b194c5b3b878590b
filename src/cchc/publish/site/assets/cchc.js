/* Results site behaviour: sortable tables, charts, search. Everything is served by the site itself. */
(function () {
  var here = document.currentScript && document.currentScript.src;
  var root = here ? here.replace(/assets\/cchc\.js(\?.*)?$/, "") : "./";

  function sortables() {
    document.querySelectorAll("table.cchc-sortable").forEach(function (t) {
      if (!t.dataset.cchcSort && window.Tablesort) { new window.Tablesort(t); t.dataset.cchcSort = "1"; }
    });
  }

  function charts() {
    if (!window.vegaEmbed) return;
    document.querySelectorAll("figure.cchc-chart[data-vl]").forEach(function (el) {
      if (el.dataset.done) return;
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
      var q = new URLSearchParams(location.search).get("q");
      if (q) { var input = box.querySelector("input"); if (input) { input.value = q; input.dispatchEvent(new Event("input")); } }
    };
    document.body.appendChild(s);
  }

  function init() { sortables(); charts(); search(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
