"""The ranking table readers know from published PAR tables, and the site's quality (issue 13,
items 3 and 6), read from the built sample site's HTML: columns, two decimals with a comma,
the group average and how many units are above it, the legend; a Vietnamese 404 page that
works at a domain root and under a sub-path; charts drawn in the page, naming what they show,
with no script;
a specific meta description on every page; no raw level ids on the method page; the footer
naming the province."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html
from minirepo import build_mini

from cchc.cli.build import build_site
from cchc.load import repository
from cchc.publish.site import build as site_build
from cchc.publish.site import charts
from cchc.publish.site import pages as pages_mod
from cchc.publish.site.build import CODE_ROOT
from cchc.score import results as results_mod
from cchc.score.unit import quantize

REPO = Path(__file__).resolve().parents[2]
TWO_DECIMALS = re.compile(r"-?\d+,\d\d")


@pytest.fixture(scope="module")
def results() -> Any:
    return results_mod.compute(repository.load(REPO))


def _doc(site: Path, path: str) -> Any:
    return lxml_html.fromstring((site / path).read_text(encoding="utf-8"))


def _has(cls: str) -> str:
    """XPath test: the element has the class ``cls``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')"


def _text(el: Any) -> str:
    return " ".join(el.text_content().split())


def _group(results: Any, year: int, gid: str) -> Any:
    return next(g for g in results.year(year).groups if g.id == gid)


def _ranking(doc: Any) -> tuple[list[str], list[list[str]]]:
    table = doc.xpath(f"//table[{_has('cchc-ranking')}]")[0]
    headers = [_text(th) for th in table.xpath("./thead//th")]
    rows = [[_text(td) for td in tr.xpath("./td")] for tr in table.xpath("./tbody/tr")]
    return headers, rows


def _vn(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


@pytest.mark.parametrize(("year", "gid"), [(2025, "xa"), (2025, "so"), (2024, "huyen")])
def test_ranking_has_the_published_columns(sample_site: Path, results: Any, year: int, gid: str) -> None:
    group = _group(results, year, gid)
    areas = group.areas()
    headers, rows = _ranking(_doc(sample_site, f"nam/{year}/{gid}.html"))
    assert headers == [
        "Hạng",
        "Đơn vị",
        *(f"Lĩnh vực {code}" for code, _, _ in areas),
        "Điểm đạt",
        "Điểm tối đa áp dụng",
        "Chỉ số (%)",
        "Xếp loại",
        "Thay đổi chỉ số (điểm %)",
        "Thay đổi thứ hạng",
    ]
    assert len(rows) == len(group.rows)
    for cells, r in zip(rows, group.rows, strict=True):
        s = r.score
        assert cells[0] == (str(r.place) if r.place is not None else "—")
        assert cells[1].startswith(s.unit.name)
        by_code = {a.code: a for a in s.areas}
        for (code, _, _), got in zip(areas, cells[2 : 2 + len(areas)], strict=True):
            node = by_code.get(code)
            assert got == ("—" if node is None else "K/AD" if node.na else _vn(quantize(node.achieved, 2))), code
        total, maximum, index, klass = cells[2 + len(areas) : 6 + len(areas)]
        assert (total, maximum) == (_vn(s.total), _vn(s.max))  # always two decimals, a comma
        assert TWO_DECIMALS.fullmatch(total) and TWO_DECIMALS.fullmatch(maximum)
        assert index == _vn(s.index)
        assert klass == s.classification
        if s.unscaled is None and Decimal(0) <= s.total < s.max:  # not capped: the areas add up
            assert sum((a.achieved for a in s.areas), Decimal(0)) == s.total


def test_changes_in_index_and_places(sample_site: Path, results: Any) -> None:
    group = _group(results, 2025, "so")
    _, rows = _ranking(_doc(sample_site, "nam/2025/so.html"))
    for cells, r in zip(rows, group.rows, strict=True):
        index_change, place_change = cells[-2:]
        ch = r.change
        assert ch is not None and ch.index is not None and ch.place is not None  # all 20 were ranked in 2024
        expected = "không đổi" if ch.index == 0 else ("▲ " if ch.index > 0 else "▼ ") + _vn(abs(ch.index))
        assert index_change == expected
        assert place_change == ("không đổi" if ch.place == 0 else ("▲ " if ch.place > 0 else "▼ ") + str(abs(ch.place)))


def test_average_and_units_above_it(sample_site: Path, results: Any) -> None:
    for gid in ("so", "xa"):
        group = _group(results, 2025, gid)
        indexes = [r.score.index for r in group.rows]
        average = quantize(sum(indexes, Decimal(0)) / len(indexes), 2)
        above = sum(1 for i in indexes if i > average)
        assert 0 < above < len(indexes)
        doc = _doc(sample_site, f"nam/2025/{gid}.html")
        line = _text(doc.xpath(f"//*[{_has('cchc-average')}]")[0])
        assert line == (
            f"Chỉ số bình quân của nhóm: {_vn(average)}%; {above}/{len(indexes)} đơn vị có chỉ số cao hơn bình quân."
        )
        # the line stands before the table, the legend after it
        content = doc.xpath("//article")[0]
        order = [el.get("class", "") for el in content.iter() if el.tag in ("p", "table", "ul")]
        average_at = next(i for i, c in enumerate(order) if "cchc-average" in c)
        assert "cchc-ranking" in order[average_at + 1]


def test_legend_names_areas_thresholds_and_method(sample_site: Path, results: Any) -> None:
    doc = _doc(sample_site, "nam/2025/xa.html")
    legend = _text(doc.xpath(f"//*[{_has('cchc-legend')}]")[0])
    for code, title, _ in _group(results, 2025, "xa").areas():
        assert f"Lĩnh vực {code}: {title}" in legend
    text = _text(doc.xpath("//article")[0])
    assert "Xuất sắc từ 90%; Tốt từ 80%; Khá từ 70%; Trung bình từ 50%; Yếu từ 0%" in text
    links = {a.get("href") for a in doc.xpath("//article//a")}
    assert "../../phuong-phap/index.html" in links  # the method
    assert "../../phuong-phap/sample-2025-xa.html" in links  # the framework with its thresholds


def test_not_applicable_area_reads_kad_in_the_ranking(tmp_path: Path) -> None:
    """so-b's only survey criterion 3.1 does not apply: its area 3 reads K/AD, never 0."""
    root = build_mini(tmp_path / "repo")
    survey = root / "surveys/2025.yaml"
    text = survey.read_text(encoding="utf-8")
    assert '{unit: so-b, code: "3.1", points: 7.5}' in text
    survey.write_text(
        text.replace('{unit: so-b, code: "3.1", points: 7.5}', '{unit: so-b, code: "3.1", na: true}'), encoding="utf-8"
    )
    repo = repository.load(root)
    res = results_mod.compute(repo)
    out = tmp_path / "site"
    assert build_site(root, CODE_ROOT / "mkdocs.yml", out, repo, res) == 0
    headers, rows = _ranking(_doc(out, "nam/2025/so.html"))
    so_b = next(r for r in rows if r[1].startswith("Sở Thử nghiệm B"))
    assert so_b[headers.index("Lĩnh vực 3")] == "K/AD"
    so_a = next(r for r in rows if r[1].startswith("Sở Thử nghiệm A"))
    assert TWO_DECIMALS.fullmatch(so_a[headers.index("Lĩnh vực 3")])


# ── 404 ───────────────────────────────────────────────────────────────────────


def _not_found_links(doc: Any) -> dict[str, str]:
    return {_text(a): a.get("href") for a in doc.xpath("//article//a")}


def test_404_page_in_vietnamese_with_search_and_links(sample_site: Path) -> None:
    doc = _doc(sample_site, "404.html")
    assert _text(doc.xpath("//article//h1")[0]) == "Không tìm thấy trang"
    assert _text(doc.xpath("//title")[0]).startswith("Không tìm thấy trang — ")
    form = doc.xpath("//article//form")[0]
    assert form.get("action") == "/tim-kiem.html" and form.get("method") == "get"
    field = form.xpath(".//input[@name='q']")[0]
    assert form.xpath(f".//label[@for='{field.get('id')}']")  # a labelled search field
    assert _not_found_links(doc) == {
        "Trang chủ": "/index.html",
        "Kết quả năm 2025": "/nam/2025/index.html",
        "Kết quả năm 2024": "/nam/2024/index.html",
        "Phương pháp tính điểm": "/phuong-phap/index.html",
        "Tải dữ liệu": "/tai-ve.html",
    }
    assert "404 - Not found" not in (sample_site / "404.html").read_text(encoding="utf-8")


def _build_under(tmp_path: Path, site_url: str) -> Path:
    """The mini province built with mkdocs' site_url set (a forge's project pages)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = build_mini(tmp_path / "repo")
    repo = repository.load(root)
    site_build.preload(root, repo, results_mod.compute(repo))
    out = tmp_path / "site"
    config = load_config(config_file=str(CODE_ROOT / "mkdocs.yml"), site_dir=str(out), site_url=site_url)
    config.extra["cchc_root"] = str(root)
    build(config)
    return out


def test_404_page_works_under_a_sub_path(tmp_path: Path) -> None:
    out = _build_under(tmp_path, "https://so-noi-vu.example.vn/chi-so-cchc/")
    doc = _doc(out, "404.html")
    links = _not_found_links(doc)
    assert links["Trang chủ"] == "/chi-so-cchc/index.html"
    assert links["Kết quả năm 2025"] == "/chi-so-cchc/nam/2025/index.html"
    assert doc.xpath("//article//form")[0].get("action") == "/chi-so-cchc/tim-kiem.html"
    styles = [link.get("href") for link in doc.xpath("//link[@rel='stylesheet']")]
    assert styles and all(href.startswith("/chi-so-cchc/") for href in styles)
    scripts = [s.get("src") for s in doc.xpath("//script[@src]")]
    assert scripts and all(src.startswith("/chi-so-cchc/") for src in scripts)


# ── charts, scripts, descriptions, method page, footer ─────────────────────────


def _scripts(doc: Any) -> list[Any]:
    return doc.xpath("//script[@src]")


def test_charts_are_drawn_in_the_page_without_script(sample_site: Path) -> None:
    """Every chart is an SVG in its page: one image with a name for a screen reader, no inline
    style (the Content-Security-Policy), and no chart library anywhere."""
    pages = [p for p in sample_site.rglob("*.html") if "admin" not in p.parts and "pagefind" not in p.parts]
    with_charts = 0
    for path in pages:
        doc = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        figures = doc.xpath(f"//figure[{_has('cchc-chart')}]")
        with_charts += bool(figures)
        for figure in figures:
            assert figure.get("role") == "img" and figure.get("aria-label"), path
            (svg,) = figure.xpath("./svg")
            assert svg.get("width") == "100%" and svg.get("aria-hidden") == "true", path
            assert svg.xpath(".//text") and not svg.xpath(".//*[@style]"), path
        assert not [s for s in _scripts(doc) if "vega" in s.get("src")], path
        ours = [s for s in _scripts(doc) if "/vendor/tablesort" in s.get("src") or s.get("src").endswith("cchc.js")]
        assert ours and all(s.get("defer") is not None for s in ours), path
    assert with_charts > 50
    assert not [p for p in (sample_site / "assets").rglob("*vega*")]


@pytest.mark.parametrize(("year", "gid"), [(2025, "xa"), (2024, "huyen")])
def test_ranking_chart_shows_each_unit_its_place_and_index(
    sample_site: Path, results: Any, year: int, gid: str
) -> None:
    doc = _doc(sample_site, f"nam/{year}/{gid}.html")
    (figure,) = doc.xpath(f"//figure[{_has('cchc-chart')}]")
    labels = [_text(t) for t in figure.xpath(f".//*[{_has('cchc-label')}]")]
    values = [_text(t) for t in figure.xpath(f".//*[{_has('cchc-value')}]")]
    tips = [_text(t) for t in figure.xpath(f".//*[{_has('cchc-bar')}]/title")]
    ranked = [r for r in _group(results, year, gid).rows if r.score.index is not None]
    assert labels == [f"{r.place}. {r.unit.name}" for r in ranked]
    assert values == [_vn(r.score.index) for r in ranked]
    assert tips == [f"Hạng {r.place} · {r.unit.name} · chỉ số {_vn(r.score.index)} %" for r in ranked]


def test_a_long_ranking_charts_its_first_and_last_twenty(results: Any) -> None:
    rows = _group(results, 2025, "xa").rows * 6  # 96 rows: more than a chart shows
    doc = lxml_html.fromstring(str(charts.ranking_bars(rows)))
    labels = [_text(t) for t in doc.xpath(f"//*[{_has('cchc-label')}]")]
    expected = [r for r in rows[:20] + rows[-20:] if r.score.index is not None]
    assert labels == [f"{r.place}. {r.unit.name}" for r in expected]
    assert "… 56 đơn vị ở giữa" in _text(doc)


def _description(doc: Any) -> str:
    found = doc.xpath("//meta[@name='description']")
    assert len(found) == 1
    return found[0].get("content")


def test_meta_description_names_what_the_page_shows(sample_site: Path, results: Any) -> None:
    r = results.rows_of("so-tu-phap")[2025]
    unit = _description(_doc(sample_site, "don-vi/so-tu-phap.html"))
    assert unit == (
        f"Sở Tư pháp — Chỉ số CCHC năm 2025: hạng {r.place}/20 trong nhóm Sở, ban, ngành; chỉ số "
        f"{_vn(r.score.index)}%, xếp loại {r.score.classification} (kết quả tạm thời)."
    )
    ranking = _description(_doc(sample_site, "nam/2025/xa.html"))
    assert ranking.startswith("Bảng xếp hạng Chỉ số CCHC năm 2025 của nhóm UBND xã, phường, thị trấn, Tỉnh Mẫu")
    seen: dict[str, str] = {}
    for path in sorted(sample_site.rglob("*.html")):
        rel = path.relative_to(sample_site).as_posix()
        if rel.startswith(("admin/", "pagefind/")) or rel == "404.html":
            continue
        text = _description(lxml_html.fromstring(path.read_text(encoding="utf-8")))
        assert len(text) > 40, rel
        assert text not in seen, (rel, seen.get(text))  # each page says what it, and only it, shows
        seen[text] = rel


def test_method_page_names_levels_not_ids(sample_site: Path, results: Any) -> None:
    text = _text(_doc(sample_site, "phuong-phap/index.html").xpath("//article")[0])
    levels = results.province.levels
    for level, name in levels.items():
        assert f"cấp {level}" not in text and f"{level}:" not in text and f" {level} /" not in text
        assert f"Năm 2024, {name}: " in text
    assert "Bảng xếp hạng" in text  # the ranking table is described


def test_footer_names_the_province(sample_site: Path) -> None:
    for rel in ("index.html", "nam/2025/xa.html", "don-vi/so-tu-phap.html", "huong-dan/index.html", "404.html"):
        doc = _doc(sample_site, rel)
        footer = _text(doc.xpath(f"//*[{_has('md-copyright')}]")[0])
        first = _text(doc.xpath(f"//*[{_has('md-copyright__highlight')}]")[0])
        assert "Tỉnh Mẫu (dữ liệu mẫu)" in first and "Sở Nội vụ tỉnh Mẫu" in first, rel
        assert "Made with" not in footer, rel


def test_search_excerpt_is_the_summary_not_the_banner(sample_site: Path) -> None:
    """Pagefind indexes a unit page from its title and summary: banners are left out."""
    doc = _doc(sample_site, "don-vi/so-tu-phap.html")
    sample_or_standing = f"//*[{_has('cchc-sample')} or {_has('cchc-provisional')}]"
    banners = doc.xpath(f"{sample_or_standing} | //*[{_has('md-banner')}]//strong")
    assert len(banners) >= 3
    for banner in banners:
        assert any(e.get("data-pagefind-ignore") is not None for e in (banner, *banner.iterancestors()))
    lead = doc.xpath(f"//article//p[{_has('cchc-lead')}]")[0]
    assert not any(a.get("data-pagefind-ignore") is not None for a in lead.iterancestors())
    assert _text(lead).startswith("Năm 2025: hạng ")


def test_pages_are_the_same_for_the_same_state() -> None:
    def pages() -> dict[str, Any]:
        repo = repository.load(REPO)
        return pages_mod.Site(results_mod.compute(repo, "abc1234", "2026-05-11"), repo).pages()

    assert pages() == pages()
