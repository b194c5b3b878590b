"""The files `cchc init` writes for the province itself: province.yaml's header, the README,
.ci/run, and the site configuration with the navigation of the pages a province gets."""

from __future__ import annotations

from pathlib import Path

import yaml

PROVINCE_HEADER = (
    "Thông tin tỉnh: tên, cơ quan chủ trì, cấp đơn vị, nhóm xếp hạng, tài khoản quản trị (Sở Nội vụ).\n"
    "Tạo bởi lệnh cchc init; sửa trực tiếp khi cần, rồi chạy cchc validate."
)

# A province has no test suite: its check is the validation and the site build the forge runs.
CI_RUN = """#!/usr/bin/env bash
# CI entry point: install everything on a fresh machine, then run exactly the README's
# command: validate the whole repository and build the results site.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh && .venv/bin/cchc build
"""


def mkdocs(text: str, docs: Path) -> str:
    """This repository's mkdocs.yml with a navigation of the pages the province has: the
    configuration stays the project's; pages only the project has (its benchmarks) leave."""
    head, sep, _ = text.partition("\nnav:\n")
    if not sep:
        return text
    nav = yaml.safe_load(text)["nav"]

    def keep(items: list) -> list:
        out = []
        for item in items:
            ((title, value),) = item.items()
            if isinstance(value, list):
                value = keep(value)
                if value:
                    out.append({title: value})
            elif (docs / value).is_file():
                out.append({title: value})
        return out

    body = yaml.safe_dump(
        {"nav": keep(nav)}, allow_unicode=True, sort_keys=False, default_flow_style=False, indent=2, width=1000
    )
    return head + "\n" + body


def readme(doc: dict) -> str:
    where = doc["name"]
    levels = ", ".join(f"`{x['id']}` ({x['name']})" for x in doc["levels"])
    return f"""# {doc["name"]} — xác định Chỉ số cải cách hành chính

Kho dữ liệu và hệ thống xác định Chỉ số của {where} ({doc["authority"]}): bộ tiêu chí, danh sách
đơn vị, kế hoạch năm, hồ sơ tự đánh giá, kết quả thẩm định, điểm điều tra xã hội học và kết quả
các năm trước. Mỗi yêu cầu gộp được kiểm tra tự động; mỗi lần gộp vào nhánh `main`, trang kết quả
công khai được tạo lại.

Cấp đơn vị: {levels}.

## Bắt đầu (máy Debian/Ubuntu mới)

Cài đặt, kiểm tra toàn bộ kho và tạo trang kết quả vào `site/` (xem bằng `.venv/bin/cchc serve`):

```sh
bash scripts/setup.sh && .venv/bin/cchc build
```

Các bước đưa tỉnh vào sử dụng (bộ tiêu chí, danh sách đơn vị, năm đầu tiên, kết quả các năm trước):
[docs/huong-dan/trien-khai.md](docs/huong-dan/trien-khai.md). Hướng dẫn cho đơn vị, Hội đồng thẩm định
và Sở Nội vụ nằm trong `docs/huong-dan/` và trên trang kết quả.

## Lệnh thường dùng

| Lệnh | Việc |
|---|---|
| `cchc criteria import PHU-LUC.xlsx --ref THU-MUC/CAP` | nhập bộ tiêu chí từ bảng phụ lục của quyết định |
| `cchc units template` / `cchc units import DON-VI.xlsx` | danh sách đơn vị từ bảng Excel |
| `cchc year open NĂM` | mở năm đánh giá (kế hoạch năm) |
| `cchc results import KET-QUA.xlsx --year NĂM` | nhập kết quả đã công bố của các năm trước |
| `cchc survey import DIEU-TRA.xlsx --year NĂM` | nhập điểm điều tra xã hội học |
| `cchc validate` | kiểm tra toàn bộ kho |
| `cchc build` | kiểm tra, tính điểm, tạo trang kết quả |

## Thư mục

```
province.yaml        thông tin tỉnh, cấp đơn vị, nhóm xếp hạng, tài khoản quản trị
units/               danh sách đơn vị
criteria/            bộ tiêu chí (mỗi bộ một thư mục, mỗi cấp một tệp)
plans/<năm>.yaml     kế hoạch năm: bộ tiêu chí theo cấp, thời hạn, Hội đồng thẩm định
history/<năm>.yaml   kết quả đã công bố của các năm trước (nhập từ quyết định công bố)
surveys/<năm>.yaml   điểm điều tra xã hội học
submissions/         hồ sơ tự đánh giá của các đơn vị
src/, schemas/       mã nguồn hệ thống (cchc) và cấu trúc dữ liệu
```
"""
