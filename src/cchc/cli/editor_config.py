"""`cchc editor-config`: the web editor's configuration (Decap CMS), generated from the data."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import yaml

from .. import clock
from ..clock import parse_time
from ..editor import config as config_mod
from ..editor import site
from ..editor.rounds import appraisal_year
from ..editor.settings import resolve
from ..load import repository
from ..model.repository import Repository
from .common import add_root, fail, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser(
        "editor-config",
        help="tạo cấu hình trình nhập liệu trực tuyến (trang /admin/)",
        description="Sinh cấu hình Decap CMS cho năm đang mở nhập liệu: mỗi đơn vị một hồ sơ, "
        "mỗi tiêu chí một ô nhập đúng cách chấm. Mặc định in config.yml ra màn hình.",
    )
    p.add_argument(
        "--year",
        type=int,
        help="năm đánh giá (mặc định: năm đang mở nhập liệu, nếu không có thì năm có kế hoạch mới nhất)",
    )
    p.add_argument("--backend", choices=["github", "forgejo"], help="máy chủ Git của kho")
    p.add_argument("--repo", help="kho trên máy chủ Git, dạng tổ-chức/tên-kho")
    p.add_argument("--branch", help="nhánh chính (mặc định main)")
    p.add_argument("--base-url", help="GitHub: địa chỉ dịch vụ đăng nhập OAuth")
    p.add_argument("--api-root", help="Forgejo: địa chỉ API, ví dụ https://git.example.vn/api/v1")
    p.add_argument("--app-id", help="Forgejo: mã ứng dụng OAuth2 (Client ID)")
    p.add_argument(
        "--open-authoring",
        action="store_true",
        default=None,
        help="văn thư không có quyền ghi vào kho làm việc trên bản sao (fork) của mình",
    )
    p.add_argument(
        "--local-backend",
        metavar="URL",
        help="chỉ dùng trên máy cá nhân/kiểm thử: địa chỉ decap-server, ví dụ http://127.0.0.1:8081/api/v1",
    )
    p.add_argument(
        "--at",
        metavar="THỜI-ĐIỂM",
        help="sinh cấu hình như tại thời điểm này (ISO 8601 có múi giờ, ví dụ 2026-01-20T09:00:00+07:00); "
        "quyết định năm đang mở và vòng thẩm định đang mở. Mặc định: bây giờ",
    )
    p.add_argument("--out", type=Path, help="ghi config.yml và cchc-editor.json vào thư mục này")
    p.add_argument(
        "--with-assets",
        action="store_true",
        help="cùng với --out: chép cả Decap CMS và tệp giao diện để dùng ngay thư mục đó làm trang /admin/",
    )
    add_root(p)


def _mkdocs_extra(root: Path) -> dict:
    """``extra.cchc_editor`` of the repository's mkdocs.yml, if any (python tags ignored)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader) or {}
    except (OSError, yaml.YAMLError):
        return {}
    return ((data.get("extra") or {}).get("cchc_editor")) or {}


def _load(root: Path, settings, now: datetime) -> Repository:
    """The repository without dossiers, or with the appraisal year's when one is open at ``now``
    (the council's forms list the units whose dossier is on the main branch)."""
    repo = repository.load(root, wanted=lambda folder: False)
    year = appraisal_year(repo, now, settings.year)
    if year is None:
        return repo
    return repository.load(root, wanted=lambda folder: folder.startswith(f"submissions/{year}/"), surveys=False)


def run(args) -> int:
    root = resolve_root(args)
    if root is None or not (root / "province.yaml").is_file():
        return fail("không tìm thấy kho dữ liệu (tệp province.yaml). Dùng --root.")
    if args.with_assets and not args.out:
        return fail("--with-assets cần đi cùng --out THƯ-MỤC.")
    options = {
        k: getattr(args, k)
        for k in (
            "year",
            "backend",
            "repo",
            "branch",
            "base_url",
            "api_root",
            "app_id",
            "open_authoring",
            "local_backend",
        )
    }
    settings = resolve(_mkdocs_extra(root), options)
    try:
        now = parse_time(args.at) if args.at else clock.now()
    except ValueError:
        return fail(f"thời điểm '{args.at}' không đúng dạng ISO 8601 có múi giờ (ví dụ 2026-01-20T09:00:00+07:00).")
    repo = _load(root, settings, now)
    try:
        if not args.out:
            cfg, _ = config_mod.build(repo, settings, now)
            sys.stdout.write(config_mod.dump(cfg))
            return 0
        written = site.write(args.out, repo, settings, args.with_assets, now)
    except config_mod.EditorError as exc:
        return fail("không tạo được cấu hình trình nhập liệu: " + str(exc))
    sys.stdout.write(f"Đã ghi {len(written)} tệp vào {args.out}.\n")
    return 0
