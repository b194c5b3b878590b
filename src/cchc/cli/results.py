"""`cchc results import`: a past year's published results table → history/<year>.yaml."""

from __future__ import annotations

from ..load import repository
from ..officer import cells, colmap, console, files, results_in
from .common import add_actions, add_check, add_column_map, add_import, add_root, add_year, fail, save_checked


def add_parser(sub) -> None:
    actions = add_actions(
        sub,
        "results",
        "nhập kết quả đã công bố của các năm trước (bảng kết quả kèm quyết định)",
        "Nhập bảng kết quả Chỉ số đã công bố của một năm chưa dùng hệ thống, để trang kết quả hiện năm đó "
        "và tính thay đổi so với năm trước.",
    )
    imp = add_import(
        actions,
        "đọc bảng kết quả (.xlsx, .csv, .docx) và ghi history/<năm>.yaml",
        "tệp Excel (.xlsx), CSV hoặc Word (.docx)",
        description="Mỗi đơn vị một dòng: tên hoặc mã đơn vị, điểm từng lĩnh vực, tổng điểm, điểm "
        "tối đa áp dụng, chỉ số, thứ hạng, xếp loại. Bảng phải khớp với chính nó "
        "(tổng các lĩnh vực, chỉ số = tổng điểm ÷ điểm tối đa, thứ hạng theo chỉ số); "
        "có lỗi thì không ghi gì.",
    )
    add_year(imp, "năm đánh giá của bảng kết quả")
    imp.add_argument(
        "--decision",
        help="quyết định công bố, ví dụ '631/QĐ-UBND ngày 09/5/2024 của UBND tỉnh' "
        "(mặc định: đọc từ dòng 'Kèm theo Quyết định số …' của bảng)",
    )
    add_column_map(imp, "mã lĩnh vực, ví dụ CS1=1")
    imp.add_argument("--max", help="điểm tối đa áp dụng khi bảng không có cột này, ví dụ 100")
    imp.add_argument(
        "--precision", type=int, choices=range(0, 5), help="số chữ số thập phân của chỉ số (mặc định: như trong bảng)"
    )
    imp.add_argument("--source", help="nguồn số liệu (mặc định: tên tệp)")
    add_check(imp)
    imp.add_argument("--force", action="store_true", help="ghi đè kết quả đã nhập của năm này")
    console.add_format(imp)
    add_root(imp)


def _options(args) -> tuple:
    """(column map, default maximum) from the options; ValueError with the sentence to show."""
    try:
        mapped = colmap.parse_options(args.map)
    except colmap.MapError as exc:
        raise ValueError(f"--map {exc}") from None
    try:
        return mapped, cells.number(args.max) if args.max else None
    except ValueError:
        raise ValueError(f"--max '{args.max}' không phải một số.") from None


def run(args) -> int:
    root = console.root(args)
    if root is None:
        return console.no_root()
    repo = repository.load(root, wanted=lambda folder: False)
    if repo.broken_in("units"):
        return fail("danh sách đơn vị (units/) đang có tệp lỗi; chạy 'cchc validate units' và sửa trước.")
    if args.year in repo.plans:
        return fail(
            f"năm {args.year} đã có kế hoạch (plans/{args.year}.yaml): kết quả năm này do hệ thống tính từ "
            "hồ sơ. Chỉ nhập kết quả đã công bố của những năm chưa dùng hệ thống."
        )
    try:
        mapped, default_max = _options(args)
    except ValueError as exc:
        return fail(str(exc))
    shown = console.shown(args.file)
    read = results_in.read_results(
        args.file, shown, repo, args.year, mapped, default_max=default_max, precision=args.precision
    )
    return _write(root, args, shown, read)


def _write(root, args, shown: str, read) -> int:
    if read.errors:
        return console.stopped(read.findings, args.format, "kết quả đã công bố")
    if not read.rows:
        return console.refused(read.findings, args.format, f"{shown}: bảng không có kết quả của đơn vị nào để nhập.")
    decision = args.decision or read.decision
    if not decision:
        return console.refused(
            read.findings,
            args.format,
            "chưa rõ quyết định công bố kết quả: ghi --decision '<số>/QĐ-UBND ngày <ngày> của <cơ quan>'.",
        )
    rel = f"history/{args.year}.yaml"
    text = files.yaml_text(
        results_in.document(read, args.year, decision, args.source or f"Nhập từ tệp {args.file.name}")
    )
    if (root / rel).exists() and not args.force and not args.check and (root / rel).read_text(encoding="utf-8") != text:
        return fail(f"{rel} đã có; dùng --force để thay bằng bảng này.")
    what = f"{len(read.rows)} đơn vị, quyết định {decision}"
    written = (
        f"Đã ghi {rel}: kết quả năm {args.year} của {what}.",
        "Trang kết quả hiện năm này là kết quả đã công bố (nhập), làm gốc để tính thay đổi của năm sau; "
        "xem trước bằng: cchc build",
    )
    return save_checked(root, rel, text, read.findings, args, "kết quả đã công bố", what, written)
