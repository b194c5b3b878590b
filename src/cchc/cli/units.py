"""`cchc units merge|split|add|end`: restructuring recorded in the unit registry (units/*.yaml);
`cchc units template|import`: the whole registry from a table."""

from __future__ import annotations

from pathlib import Path

from ..load import repository
from ..officer import console, files, registry_edit
from ..officer.registry_edit import EditError, NewUnit
from .common import add_actions, add_check, add_import, add_root, add_year, fail


def _new(text: str) -> NewUnit:
    uid, sep, name = text.partition("=")
    if not sep or not uid.strip() or not name.strip():
        raise EditError(f"'{text}' phải có dạng <mã>=<tên>, ví dụ xa-hoa-binh=\"UBND xã Hòa Bình\".")
    return NewUnit(uid.strip(), name.strip())


def _common(p, accounts: bool = True) -> None:
    add_year(p, "năm bắt đầu áp dụng (năm đầu tiên của đơn vị mới)")
    p.add_argument("--level", help="cấp của đơn vị mới (mặc định: cấp của đơn vị cũ)")
    p.add_argument("--group", help="nhóm xếp hạng (mặc định: nhóm của đơn vị cũ)")
    p.add_argument("--parent", help="đơn vị cấp trên; ghi '' nếu không có (mặc định: của đơn vị cũ nếu còn hoạt động)")
    if accounts:
        p.add_argument("--account", action="append", default=[], help="tài khoản được nộp hồ sơ (ghi nhiều lần)")
    add_check(p)
    add_root(p)


def add_parser(sub) -> None:
    actions = add_actions(
        sub,
        "units",
        "ghi nhận sáp nhập, chia tách, thành lập, giải thể đơn vị",
        "Sửa danh sách đơn vị (units/) theo sắp xếp tổ chức: đơn vị cũ hoạt động đến "
        "hết năm trước năm áp dụng, đơn vị mới bắt đầu từ năm áp dụng; các năm trước "
        "giữ nguyên.",
    )
    merge = actions.add_parser("merge", help="sáp nhập nhiều đơn vị thành một đơn vị mới")
    merge.add_argument("olds", nargs="+", metavar="MÃ_CŨ", help="mã các đơn vị được sáp nhập")
    merge.add_argument(
        "--into", required=True, metavar="MÃ=TÊN", help='đơn vị mới, ví dụ xa-hoa-binh="UBND xã Hòa Bình"'
    )
    _common(merge)
    split = actions.add_parser("split", help="chia tách một đơn vị thành nhiều đơn vị mới")
    split.add_argument("old", metavar="MÃ_CŨ", help="mã đơn vị được chia tách")
    split.add_argument("--into", action="append", required=True, metavar="MÃ=TÊN", help="mỗi đơn vị mới (ghi từ 2 lần)")
    _common(split, accounts=False)
    add = actions.add_parser("add", help="thêm đơn vị mới thành lập")
    add.add_argument("--into", required=True, metavar="MÃ=TÊN", help="đơn vị mới")
    _common(add)
    end = actions.add_parser("end", help="ghi nhận đơn vị giải thể (không có đơn vị kế thừa)")
    end.add_argument("old", metavar="MÃ", help="mã đơn vị")
    add_year(end, "năm đầu tiên đơn vị không còn hoạt động")
    add_check(end)
    add_root(end)
    tpl = actions.add_parser("template", help="tạo bảng Excel danh sách đơn vị để điền (hoặc sửa rồi nhập lại)")
    tpl.add_argument("--out", type=Path, default=Path("don-vi.xlsx"), help="tệp ra .xlsx (mặc định: don-vi.xlsx)")
    add_root(tpl)
    imp = add_import(
        actions,
        "nhập danh sách đơn vị từ bảng (.xlsx, .csv)",
        "tệp Excel (.xlsx) hoặc CSV",
        description="Mỗi dòng một đơn vị: tên, cấp, nhóm xếp hạng, đơn vị cấp trên, năm hoạt "
        "động, đơn vị tiền thân, tài khoản. Mã đơn vị để trống thì tạo từ tên. Mọi "
        "lỗi ghi rõ trang, dòng, cột; còn lỗi thì không ghi gì.",
    )
    imp.add_argument(
        "--from-year", type=int, default=None, metavar="NĂM", help="năm bắt đầu cho các dòng để trống cột 'Từ năm'"
    )
    add_check(imp)
    console.add_format(imp)
    add_root(imp)


def _edit(root, repo, args) -> registry_edit.Edit:
    if args.action == "end":
        reg = registry_edit.Registry(root, repo)
        reg.end(args.old, args.year, [])
        edit = reg.edit()
        edit.notes.append(f"{args.old}: hoạt động đến hết năm {args.year - 1}.")
        return edit
    news = [_new(x) for x in (args.into if isinstance(args.into, list) else [args.into])]
    options = {
        "level": args.level,
        "group": args.group,
        "parent": args.parent,
        "accounts": getattr(args, "account", []),
    }
    if args.action == "add":
        if not args.level:
            raise EditError("đơn vị mới thành lập cần --level (cấp) và --group (nhóm xếp hạng).")
        reg = registry_edit.Registry(root, repo)
        reg.add(news[0], args.year, args.level, args.group or args.level, args.parent or None, options["accounts"])
        edit = reg.edit()
        edit.notes.append(f"{news[0].id} ({news[0].name}): hoạt động từ năm {args.year}.")
        return edit
    if args.action == "split" and len(news) < 2:
        raise EditError("chia tách cần ít nhất hai đơn vị mới (--into ghi từ 2 lần).")
    olds = args.olds if args.action == "merge" else [args.old]
    return registry_edit.succeed(root, repo, olds, news, args.year, **options)


def run(args) -> int:
    root = console.root(args)
    if root is None:
        return console.no_root()
    repo = repository.load(root, wanted=lambda folder: False)
    if repo.broken_in("units") or (repo.province is None and args.action in ("template", "import")):
        return fail("danh sách đơn vị (units/) hoặc province.yaml đang có tệp lỗi; chạy 'cchc validate' và sửa trước.")
    if args.action == "template":
        return _template(repo, args)
    if args.action == "import":
        return _import(root, repo, args)
    return _restructure(root, repo, args)


def _restructure(root, repo, args) -> int:
    """merge, split, add, end: one edit of the registry, checked before it is written."""
    try:
        edit = _edit(root, repo, args)
    except EditError as exc:
        return fail(str(exc))
    staged = files.check_changes(root, edit.changes)
    found = staged.findings
    console.show(found)
    blocking = [f for f in found if f.is_error and f.file in edit.changes]
    if blocking:
        return console.done(len(blocking), "danh sách đơn vị")
    changes = {**edit.changes, **staged.companions}
    if not args.check:
        files.write_all(root, changes)
    verb = "Kiểm tra xong (chưa ghi, --check)" if args.check else "Đã ghi " + ", ".join(sorted(changes))
    console.say(f"{verb}.")
    for note in edit.notes:
        console.say(f"- {note}")
    others = [f for f in found if f.is_error and f.file not in edit.changes]
    if others:
        console.say(
            f"Cần xử lý tiếp {len(others)} lỗi ở tệp khác (xem danh sách trên), ví dụ phân công Hội đồng "
            "thẩm định trong kế hoạch năm."
        )
    return 0


def _template(repo, args) -> int:
    from ..officer import units_out
    from ..officer.render import WRITERS

    if args.out.suffix.lower() != ".xlsx":
        return fail(f"'{args.out}': bảng mẫu là tệp Excel .xlsx.")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(WRITERS[".xlsx"](units_out.template(repo)))
    shown = console.shown(args.out)
    console.say(
        f"Đã tạo bảng {shown}: {len(repo.units)} đơn vị đang có. Điền hoặc sửa rồi nhập bằng: cchc units import {shown}"
    )
    return 0


def _import(root, repo, args) -> int:
    from ..officer import units_in

    shown = console.shown(args.file)
    read = units_in.read_units(args.file, shown, root, repo, args.from_year)
    if read.errors:
        return console.stopped(read.findings, args.format, "danh sách đơn vị")
    staged = files.check_changes(root, read.changes)
    blocking = [f for f in staged.findings if f.is_error and f.file in read.changes]
    console.show(read.findings + staged.findings, args.format)
    if blocking:
        return console.done(len(blocking), "danh sách đơn vị")
    changes = {**read.changes, **staged.companions}
    counts = f"thêm {len(read.added)}, cập nhật {len(read.updated)}, không đổi {read.same} đơn vị"
    if args.check:
        console.say(f"Bảng hợp lệ ({counts}); chưa ghi tệp (--check).")
        return 0
    if changes:
        files.write_all(root, changes)
    console.say(f"Đã ghi {', '.join(sorted(changes)) or 'không tệp nào (không có gì thay đổi)'}: {counts}.")
    others = [f for f in staged.findings if f.is_error and f.file not in read.changes]
    if others:
        console.say(
            f"Cần xử lý tiếp {len(others)} lỗi ở tệp khác (xem danh sách trên), ví dụ phân công Hội đồng "
            "thẩm định trong kế hoạch năm."
        )
    return 0
