"""`cchc serve`: preview the results site locally (mkdocs' live server)."""

from __future__ import annotations

from .. import gitinfo, validation
from ..publish.site import build as site_build
from ..score import results as results_mod
from .build import config_file
from .common import add_root, fail, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="xem trước trang kết quả trên máy (http://127.0.0.1:8000)")
    p.add_argument("--addr", default="127.0.0.1:8000", help="địa chỉ:cổng")
    add_root(p)


def run(args) -> int:
    from mkdocs.commands.serve import serve

    root = resolve_root(args)
    if root is None or not (root / "province.yaml").is_file():
        return fail("không tìm thấy kho dữ liệu (tệp province.yaml). Dùng --root.")
    result = validation.validate(root)
    site_build.preload(
        root, result.repo, results_mod.compute(result.repo, gitinfo.commit(root), gitinfo.commit_date(root))
    )
    cfg = config_file(root, None)
    if cfg is None:
        return fail("không tìm thấy mkdocs.yml.")
    serve(config_file=str(cfg), dev_addr=args.addr)
    return 0
