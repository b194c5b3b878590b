"""The catalogue of finding codes: each declared once, with its severity, meaning and wording.

A code is a stable name (tools and tests match on it). Its declaration gives the severity,
a short Vietnamese meaning (listed on the site's technical page, docs/ky-thuat/ma-loi.md),
and the message and hint as ``str.format`` templates. A check makes the finding from it:

    codes.SCORE_ABOVE_MAX.at(sa.file, line=e.score_line, criterion=e.code, score="1,5", max="1")

``at`` fills the templates with its keywords, plus the finding's own ``{file}`` and
``{criterion}``; numbers and dates are formatted by the caller, as they are shown. A code
worded in more than one way has variants (``_variant``): the same name and meaning, another
message or hint, possibly the other severity. Codes of the pull-request policy and of the
officer's tools are still worded where they are made (``findings.error(name, …)``): they are
declared here without a template.

``findings.Finding`` refuses a code that is not declared, or a severity its code does not
have (``UnknownCode``): the CLI reports that as an internal error, the tests fail on it.

A code of ``cchc validate`` is shown by a case folder in tests/cases/ expecting it, or names
the test that shows it (``shown_by="tests/…/test_x.py::test_name"``, when no repository can
produce it); tests/test_cases.py holds both to that.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .findings import Finding, Severity


class Tool(enum.Enum):
    """Which tool makes a code's findings."""

    VALIDATE = "validate"  # cchc validate: loading and checks of the whole repository
    CHECK_PR = "check-pr"  # the pull-request policy: who may change what, and when
    OFFICER = "officer"  # the Department's import tools (criteria, survey points)

    @property
    def label(self) -> str:
        return _TOOL_LABELS[self]


_TOOL_LABELS = {
    Tool.VALIDATE: "Kiểm tra hồ sơ và dữ liệu dùng chung (cchc validate)",
    Tool.CHECK_PR: "Kiểm tra yêu cầu gộp (cchc check-pr)",
    Tool.OFFICER: "Công cụ nhập liệu của Sở Nội vụ (cchc criteria import, cchc survey import)",
}


class UnknownCode(KeyError):
    """A finding made with a code the catalogue does not declare, or not with that severity."""


@dataclass(frozen=True)
class Code:
    name: str
    severity: Severity
    meaning: str  # what the code says, in a sentence, for the technical page
    message: str | None = None  # templates; None where the finding is worded at the call site
    hint: str | None = None
    tool: Tool = Tool.VALIDATE
    shown_by: str | None = None  # "tests/path.py::test_name", for a code no case folder can show

    def at(
        self, file: str, *, line: int = 0, column: int = 0, criterion: str | None = None, **fields: object
    ) -> Finding:
        """This code's finding in ``file``, its message and hint filled with ``fields``."""
        return self.made(file, fields, line=line, column=column, criterion=criterion)

    def made(
        self, file: str, fields: Mapping[str, object], *, line: int = 0, column: int = 0, criterion: str | None = None
    ) -> Finding:
        """``at`` with the fields as a mapping: for helpers that add fields of their own."""
        message, hint = self._fill({"file": file, "criterion": criterion, **fields})
        return Finding(file, line, column, self.name, message, self.severity, hint, criterion)

    def words(self, **fields: object) -> tuple[str, str]:
        """The message and hint filled with ``fields``, for a finding made later (evidence problems,
        refused paths, unreadable YAML carry them until the file they belong to is known)."""
        return self._fill(fields)

    def _fill(self, values: Mapping[str, object]) -> tuple[str, str]:
        if self.message is None or self.hint is None:
            raise TypeError(f"finding code {self.name} is worded where it is made, not in the catalogue")
        return self.message.format_map(values), self.hint.format_map(values)


_DECLARED: dict[str, Code] = {}
_SEVERITIES: dict[str, set[Severity]] = {}


def _declare(code: Code) -> Code:
    if code.name in _DECLARED:
        raise ValueError(f"finding code declared twice: {code.name}")
    _DECLARED[code.name] = code
    _SEVERITIES[code.name] = {code.severity}
    return code


def _declared(
    severity: Severity,
    name: str,
    meaning: str,
    message: str | None = None,
    hint: str | None = None,
    *,
    tool: Tool = Tool.VALIDATE,
    shown_by: str | None = None,
) -> Code:
    return _declare(Code(name, severity, meaning, message, hint, tool, shown_by))


_error = functools.partial(_declared, Severity.ERROR)
_warning = functools.partial(_declared, Severity.WARNING)


def _worded_where_made(tool: Tool, name: str, meaning: str, shown_by: str | None = None, *, warn: bool = False) -> Code:
    """A code of ``tool`` that has no catalogue wording: its findings are worded where they are made."""
    make = _warning if warn else _error
    return make(name, meaning, tool=tool, shown_by=shown_by)


def _variant(
    base: Code, message: str | None = None, hint: str | None = None, *, severity: Severity | None = None
) -> Code:
    """The same code worded otherwise (or, with ``severity``, the same problem in a milder form)."""
    variant = replace(
        base,
        message=base.message if message is None else message,
        hint=base.hint if hint is None else hint,
        severity=severity or base.severity,
    )
    _SEVERITIES[base.name].add(variant.severity)
    return variant


def named(name: str) -> Code:
    """The declaration of ``name``."""
    try:
        return _DECLARED[name]
    except KeyError:
        raise UnknownCode(f"finding code not declared in cchc.codes: {name!r}") from None


def check(name: str, severity: Severity) -> None:
    """Refuse a finding whose code is not declared with this severity."""
    if severity not in _SEVERITIES.get(name, ()):
        named(name)
        raise UnknownCode(f"finding code {name!r} is not declared as {severity.value} in cchc.codes")


def severities(name: str) -> list[Severity]:
    """The severities a code's findings may have: errors first."""
    return sorted(_SEVERITIES[named(name).name], key=lambda s: s is not Severity.ERROR)


def catalogue() -> list[Code]:
    """Every declared code, by tool, then by name."""
    order = list(Tool)
    return sorted(_DECLARED.values(), key=lambda c: (order.index(c.tool), c.name))


_DID_YOU_MEAN = "{did_you_mean}"  # "Có phải là 'x'? " or nothing: a close match, offered first

# ── Files and YAML (load/yamlfile.py, load/repository.py) ─────────────────────────────────

MISSING_PROVINCE = _error(
    "missing-province",
    "Kho dữ liệu thiếu tệp province.yaml.",
    "Thiếu tệp province.yaml (thông tin tỉnh, cấp đơn vị, nhóm xếp hạng).",
    "Tạo tệp province.yaml theo mẫu trong schemas/province.schema.json.",
)
FILE_OUTSIDE = _error(
    "file-outside",
    "Tệp YAML là liên kết trỏ ra ngoài kho dữ liệu nên không được đọc.",
    "Tệp là liên kết (symlink) trỏ ra ngoài kho dữ liệu nên không được đọc.",
    "Thay liên kết bằng chính tệp YAML.",
    shown_by="tests/load/test_repository.py::test_a_link_leading_outside_is_never_read",
)
FILE_UNREADABLE = _error(
    "file-unreadable",
    "Không đọc được tệp YAML (thư mục, tệp đặc biệt hoặc bị khoá).",
    "Không đọc được tệp (có thể là thư mục, tệp đặc biệt hoặc bị khoá).",
    "Kiểm tra đây là một tệp văn bản YAML và có quyền đọc.",
)
YAML_TOO_LARGE = _error(
    "yaml-too-large",
    "Tệp YAML quá lớn, có quá nhiều phần tử hoặc một giá trị quá dài.",
    "Tệp quá lớn ({size:,} byte, tối đa {limit:,} byte).",
    "Tệp YAML chỉ chứa điểm và mô tả; tài liệu kiểm chứng để trong thư mục evidence/.",
)
YAML_TOO_MANY_NODES = _variant(
    YAML_TOO_LARGE, "Tệp có quá nhiều phần tử.", "Tách nội dung hoặc kiểm tra tệp có bị sinh tự động sai không."
)
YAML_VALUE_TOO_LONG = _variant(
    YAML_TOO_LARGE,
    "Một giá trị dài hơn {limit} ký tự.",
    "Rút gọn nội dung; văn bản dài để trong tài liệu kiểm chứng (PDF).",
)
YAML_ENCODING = _error(
    "yaml-encoding",
    "Tệp không phải văn bản UTF-8.",
    "Tệp không phải văn bản UTF-8 (có byte không đọc được).",
    "Mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8.",
)
YAML_NUL = _variant(
    YAML_ENCODING, "Tệp chứa ký tự NUL, không phải văn bản.", "Kiểm tra lại tệp: có thể đã lưu nhầm một tệp nhị phân."
)
YAML_TAB = _error(
    "yaml-tab",
    "Thụt đầu dòng bằng ký tự Tab.",
    "Dùng ký tự Tab để thụt đầu dòng; YAML chỉ cho phép dấu cách.",
    "Thay các ký tự Tab ở đầu dòng bằng dấu cách (thường 2 dấu cách mỗi cấp).",
)
YAML_SYNTAX = _error(
    "yaml-syntax",
    "Sai cú pháp YAML, hoặc tệp có ký tự điều khiển.",
    "Sai cú pháp YAML: {problem}.",
    "Kiểm tra dòng này và dòng ngay trước: thụt lề, dấu hai chấm sau tên trường, dấu nháy đóng/mở, "
    "dấu gạch đầu dòng của danh sách.",
)
YAML_CONTROL = _variant(
    YAML_SYNTAX,
    "Tệp chứa ký tự điều khiển không được phép.",
    "Xoá các ký tự lạ (thường do sao chép từ phần mềm khác) rồi lưu lại.",
)
YAML_ALIAS = _error(
    "yaml-alias",
    "Dùng neo/bí danh YAML (& hoặc *).",
    "Dùng neo/bí danh YAML (& hoặc *) — không được phép trong hồ sơ.",
    "Viết đầy đủ giá trị thay cho '&tên' và '*tên'.",
)
YAML_MULTIPLE_DOCUMENTS = _error(
    "yaml-multiple-documents",
    "Một tệp chứa nhiều tài liệu YAML.",
    "Tệp chứa nhiều tài liệu YAML (có dòng '---' thứ hai).",
    "Mỗi tệp chỉ chứa một hồ sơ; xoá phần sau dấu '---'.",
)
YAML_TAG = _error(
    "yaml-tag",
    "Dùng thẻ YAML (bắt đầu bằng '!') không được phép.",
    "Thẻ YAML '{tag}' không được phép.",
    "Xoá thẻ bắt đầu bằng '!' trước giá trị.",
)
YAML_TOO_DEEP = _error(
    "yaml-too-deep",
    "Cấu trúc lồng nhau quá sâu.",
    "Cấu trúc lồng nhau quá sâu (hơn {depth} cấp).",
    "Kiểm tra thụt lề hoặc dấu ngoặc: hồ sơ hợp lệ không lồng sâu như vậy.",
)
YAML_COMPLEX_KEY = _error(
    "yaml-complex-key",
    "Tên trường là bảng hay danh sách.",
    "Tên trường không được là bảng hay danh sách.",
    "Viết tên trường là một từ, ví dụ 'score:'.",
)
YAML_DUPLICATE_KEY = _error(
    "yaml-duplicate-key",
    "Một tên trường xuất hiện hai lần trong cùng một bảng.",
    "Trường '{key}' xuất hiện hai lần trong cùng một bảng.",
    "Giữ lại một lần và xoá lần còn lại (YAML không cho phép trùng tên trường).",
)
YAML_EMPTY = _error("yaml-empty", "Tệp YAML rỗng.", "Tệp rỗng.", "Điền nội dung hồ sơ (có thể dùng lệnh 'cchc new').")
YAML_NOT_MAPPING = _error(
    "yaml-not-mapping",
    "Nội dung tệp không phải một bảng 'tên trường: giá trị'.",
    "Nội dung tệp phải là một bảng 'tên trường: giá trị'.",
    "Bắt đầu tệp bằng các trường như 'unit:', 'year:'.",
)

# ── Schema (load/schema.py): {label} is the field's name and Vietnamese title, {value} its value ──

SCHEMA = _error(
    "schema",
    "Giá trị không đúng mẫu hồ sơ (quy định của lược đồ không có lời giải thích riêng).",
    "Giá trị {label} không hợp lệ.",
    "Sửa theo mẫu của hồ sơ (xem 'cchc new').",
    shown_by="tests/load/test_schema.py::test_a_rule_without_its_own_wording_is_still_located_and_vietnamese",
)
SCHEMA_REQUIRED = _error(
    "schema-required",
    "Thiếu trường bắt buộc.",
    "Thiếu trường bắt buộc '{field}'{about}.",
    "Thêm dòng '{field}: …' vào {where}.",
)
SCHEMA_UNKNOWN_FIELD = _error(
    "schema-unknown-field",
    "Trường không có trong mẫu hồ sơ (thường do gõ sai tên).",
    "Trường '{field}' không có trong mẫu hồ sơ.",
    _DID_YOU_MEAN + "Các trường hợp lệ: {allowed}.",
)
SCHEMA_NO_FIELD_ALLOWED = _variant(SCHEMA_UNKNOWN_FIELD, hint=_DID_YOU_MEAN + "Xoá trường này.")
SCHEMA_TYPE = _error(
    "schema-type",
    "Giá trị sai kiểu (ví dụ chữ thay cho số) hoặc không đúng dạng cho phép.",
    "{label} phải là {expected}; hiện là {value}.",
    "Sửa giá trị cho đúng kiểu.",
)
SCHEMA_TYPE_TEXT = _variant(
    SCHEMA_TYPE, hint="Sửa giá trị cho đúng kiểu. Văn bản có dấu ':' hoặc '#' cần đặt trong dấu nháy kép."
)
SCHEMA_SHAPE = _variant(SCHEMA_TYPE, "{label} là {value}, không đúng dạng cho phép.", "Sửa giá trị theo mẫu của hồ sơ.")
SCHEMA_SHAPE_PATTERN = _variant(SCHEMA_SHAPE, hint="Cần {pattern}.")
SCHEMA_SHAPE_CRITERION = _variant(
    SCHEMA_SHAPE,
    hint="Một tiêu chí hoặc có danh sách 'components' (tiêu chí thành phần), hoặc tự có 'method' và "
    "'rule' — không được thiếu cả hai hay có cả hai.",
)
SCHEMA_ENUM = _error(
    "schema-enum",
    "Giá trị không thuộc các giá trị cho phép.",
    "{label} là {value}, không thuộc các giá trị cho phép.",
    "Chọn một trong: {options}.",
)
SCHEMA_FORMAT = _error(
    "schema-format",
    "Giá trị sai định dạng (mã, ngày, thời điểm, số).",
    "{label} là {value}, sai định dạng.",
    "Cần {pattern}.",
)
SCHEMA_NOT_A_DATE = _variant(
    SCHEMA_FORMAT, "{label} là {value}, không phải {kind}.", "Sửa lại ngày (ví dụ: 2025-01-15)."
)
SCHEMA_NOT_A_MOMENT = _variant(
    SCHEMA_FORMAT,
    "{label} là {value}, không phải thời điểm dạng NNNN-TT-NNTgg:pp:ss+07:00.",
    "Sửa lại thời điểm (ví dụ: 2025-12-31T23:59:59+07:00).",
)
SCHEMA_RANGE = _error(
    "schema-range",
    "Giá trị nằm ngoài khoảng cho phép.",
    "{label} là {value}, phải {bound} {limit}.",
    "Nhập lại giá trị trong khoảng cho phép.",
)
SCHEMA_EMPTY = _error(
    "schema-empty",
    "Trường bắt buộc có nội dung bị để trống, hoặc danh sách thiếu mục.",
    "{label} không được để trống.",
    "Điền nội dung cho trường này.",
)
SCHEMA_TOO_FEW = _variant(SCHEMA_EMPTY, "{label} cần ít nhất {least} mục.", "Bổ sung các mục còn thiếu.")
SCHEMA_TOO_LONG = _error(
    "schema-too-long",
    "Nội dung hoặc danh sách quá dài.",
    "{label} quá dài (tối đa {most}).",
    "Rút gọn nội dung; văn bản dài nên để trong tài liệu kiểm chứng.",
)
SCHEMA_DUPLICATE = _error(
    "schema-duplicate", "Danh sách có mục trùng nhau.", "{label} có mục trùng nhau.", "Xoá mục lặp lại."
)
TEXT_MARKUP = _error(
    "text-markup",
    "Tên hoặc tiêu đề chứa ký hiệu giống mã HTML hoặc Markdown.",
    "{label} chứa '{piece}', giống mã HTML hoặc Markdown; tên và tiêu đề không được chứa ký hiệu này.",
    "Viết lại bằng chữ thường: bỏ dấu '<' đứng liền trước chữ cái, '/' hoặc '!' (viết 'nhỏ hơn' hoặc thêm "
    "dấu cách), bỏ các cụm '](' , '{{:' , '{{… = …}}' , '-->' và 'javascript:'.",
)
SCHEMA_CONFLICT = _error(
    "schema-conflict",
    "Dùng cùng lúc các trường loại trừ nhau.",
    "{label} có các trường không được dùng cùng nhau.",
    "Chỉ giữ một trong các trường (ví dụ 'gt' hoặc 'gte').",
)

# ── Unit registry and plans (checks/context.py, load/repository.py) ──────────────────────

UNIT_DUPLICATE = _error(
    "unit-duplicate",
    "Hai đơn vị cùng một mã.",
    "Mã đơn vị '{unit}' bị trùng (đã có ở {first_file}, dòng {first_line}).",
    "Mỗi đơn vị một mã duy nhất; đơn vị sáp nhập dùng mã mới và khai 'successors'.",
)
UNIT_LEVEL_UNKNOWN = _error(
    "unit-level-unknown",
    "Cấp của đơn vị không có trong province.yaml.",
    "Đơn vị '{unit}': cấp '{level}' không có trong province.yaml.",
    "Dùng một trong: {levels}.",
)
UNIT_GROUP_UNKNOWN = _error(
    "unit-group-unknown",
    "Nhóm xếp hạng của đơn vị không có trong province.yaml.",
    "Đơn vị '{unit}': nhóm xếp hạng '{group}' không có trong province.yaml.",
    "Dùng một trong: {groups}.",
)
UNIT_PARENT_UNKNOWN = _error(
    "unit-parent-unknown",
    "Đơn vị cấp trên không có trong danh sách đơn vị.",
    "Đơn vị '{unit}': đơn vị cấp trên '{parent}' không có trong danh sách.",
    "Sửa mã đơn vị cấp trên hoặc bổ sung đơn vị đó.",
)
UNIT_YEARS = _error(
    "unit-years",
    "Năm cuối của đơn vị trước năm bắt đầu.",
    "Đơn vị '{unit}': năm cuối ({last}) trước năm bắt đầu ({first}).",
    "Sửa 'from' / 'until'.",
)
UNIT_SUCCESSOR_UNKNOWN = _error(
    "unit-successor-unknown",
    "Đơn vị kế thừa (sau sáp nhập) không có trong danh sách đơn vị.",
    "Đơn vị '{unit}': đơn vị kế thừa '{successor}' không có trong danh sách.",
    "Bổ sung đơn vị mới (sau sáp nhập) vào danh sách đơn vị.",
)
UNIT_SUCCESSOR_YEARS = _error(
    "unit-successor-years",
    "Năm bắt đầu của đơn vị kế thừa không nối tiếp năm cuối của đơn vị cũ.",
    "Đơn vị '{unit}': đơn vị kế thừa '{successor}' bắt đầu năm {start}, không nối tiếp năm cuối {last} của đơn vị này.",
    "Đơn vị cũ cần 'until: <năm cuối>' và đơn vị kế thừa 'from: <năm sau đó>'.",
)
PLAN_YEAR_MISMATCH = _error(
    "plan-year-mismatch",
    "Năm ghi trong kế hoạch khác tên tệp, hoặc hai kế hoạch cùng một năm.",
    "Tệp {file} ghi năm {year}.",
    "Đặt tên tệp là plans/{year}.yaml.",
)
PLAN_YEAR_TWICE = _variant(
    PLAN_YEAR_MISMATCH,
    "Tệp {file} ghi năm {year}, trùng năm với {kept}; tệp này bị bỏ qua.",
    "Mỗi năm chỉ một tệp kế hoạch, tên là plans/<năm>.yaml: sửa năm trong tệp hoặc xoá tệp thừa.",
)
PLAN_FRAMEWORK_UNKNOWN = _error(
    "plan-framework-unknown",
    "Kế hoạch chỉ định một bộ tiêu chí không tồn tại.",
    "Bộ tiêu chí '{framework}' cho cấp '{level}' không tồn tại.",
    "Tạo tệp criteria/{framework}.yaml hoặc sửa tên bộ tiêu chí.",
)
PLAN_FRAMEWORK_LEVEL = _error(
    "plan-framework-level",
    "Kế hoạch chỉ định cho một cấp bộ tiêu chí của cấp khác.",
    "Bộ tiêu chí '{framework}' dành cho cấp '{framework_level}', không phải cấp '{level}'.",
    "Chọn bộ tiêu chí đúng cấp.",
)
PLAN_LEVEL_MISSING = _error(
    "plan-level-missing",
    "Kế hoạch không chỉ định bộ tiêu chí cho một cấp có đơn vị.",
    "Năm {year} có đơn vị cấp '{level}' nhưng kế hoạch không chỉ định bộ tiêu chí cho cấp này.",
    "Thêm '{level}: <thư mục>/{level}' vào mục frameworks.",
)
PLAN_DEADLINES_ORDER = _error(
    "plan-deadlines-order",
    "Các mốc thời hạn của kế hoạch không theo thứ tự thời gian.",
    "Các mốc thời hạn không theo thứ tự thời gian: '{phase}' sớm hơn mốc trước nó.",
    "Thứ tự: {order}.",
)
PLAN_COUNCIL_UNKNOWN = _error(
    "plan-council-unknown",
    "Phân công thẩm định dùng một hội đồng chưa khai báo.",
    "Phân công thẩm định dùng hội đồng '{council}' chưa khai báo.",
    "Khai báo hội đồng trong mục councils.",
)
PLAN_UNROUTED = _error(
    "plan-unrouted",
    "Một đơn vị chưa được phân công Hội đồng thẩm định.",
    "Đơn vị '{unit}' ({name}) chưa được phân công hội đồng thẩm định năm {year}.",
    "Bổ sung mục routing cho cấp/đơn vị cấp trên của đơn vị này.",
)
PLAN_EXTENSION_UNIT = _error(
    "plan-extension-unit",
    "Gia hạn cho một đơn vị không có (hoặc không hoạt động) trong năm.",
    "Gia hạn cho đơn vị '{unit}' không có trong danh sách đơn vị năm {year}.",
    "Sửa mã đơn vị được gia hạn.",
)
PLAN_EXTENSION_EARLIER = _warning(
    "plan-extension-earlier",
    "Thời hạn gia hạn sớm hơn thời hạn chung.",
    "Gia hạn của '{unit}' ({phase}) sớm hơn thời hạn chung.",
    "Gia hạn phải muộn hơn thời hạn chung.",
)
PLAN_TRUST_ROOT_UNREADABLE = _error(
    "plan-trust-root-unreadable",
    "Không đọc được tệp chứng thư gốc tin cậy khai báo trong kế hoạch.",
    "Không đọc được chứng thư gốc '{root}'.",
    "Ghi đường dẫn (tính từ gốc kho) tới tệp chứng thư .pem/.cer/.crt có trong kho.",
)
PLAN_MISSING = _error(
    "plan-missing",
    "Chưa có kế hoạch hoặc bộ tiêu chí của năm cho cấp của đơn vị.",
    "Chưa có kế hoạch hoặc bộ tiêu chí năm {year} cho cấp '{level}'.",
    "Sở Nội vụ cần ban hành plans/<năm>.yaml trước khi đơn vị nộp hồ sơ.",
)

# ── Criteria frameworks (checks/framework.py, rules.py) ──────────────────────────────────

FRAMEWORK_DUPLICATE_CODE = _error(
    "framework-duplicate-code",
    "Hai mục của bộ tiêu chí cùng một mã.",
    "Mã '{criterion}' bị trùng (đã dùng ở dòng {first_line}).",
    "Mỗi lĩnh vực, tiêu chí, tiêu chí thành phần phải có mã riêng.",
)
FRAMEWORK_LEVEL_NAME = _warning(
    "framework-level-name",
    "Cấp của bộ tiêu chí khác tên tệp.",
    "Cấp '{level}' khác tên tệp '{name}.yaml'.",
    "Đặt tên tệp theo cấp đơn vị, ví dụ so.yaml cho cấp 'so'.",
)
FRAMEWORK_SUM = _error(
    "framework-sum",
    "Điểm tối đa của một mục khác tổng điểm tối đa các mục con.",
    "Tổng điểm tối đa các lĩnh vực là {total}, khác tổng điểm tối đa {max}.",
    "Sửa điểm tối đa của các lĩnh vực hoặc của bộ tiêu chí cho khớp.",
)
FRAMEWORK_SUM_OF_PARTS = _variant(
    FRAMEWORK_SUM,
    "{kind} {criterion}: tổng điểm tối đa các mục con là {total}, khác điểm tối đa {max}.",
    "Điểm tối đa của mục cha phải bằng tổng điểm tối đa các mục con (không tính điểm thưởng, điểm trừ).",
)
FRAMEWORK_CODE_HIERARCHY = _error(
    "framework-code-hierarchy",
    "Mã của mục con không bắt đầu bằng mã của mục cấp trên.",
    "Mã '{criterion}' không bắt đầu bằng mã cấp trên '{parent}.'.",
    "Đặt mã dạng {parent}.1, {parent}.2…",
)
FRAMEWORK_METHOD_RULE = _error(
    "framework-method-rule",
    "Phương pháp chấm (tự chấm/điều tra) không khớp cách chấm.",
    "Tiêu chí {criterion}: phương pháp '{method}' không khớp cách chấm '{kind}'.",
    "Tiêu chí điều tra xã hội học dùng method: survey và rule: {{kind: survey}}; tiêu chí tự chấm dùng method: self.",
)
FRAMEWORK_BANDS = _error(
    "framework-bands",
    "Các mức xếp loại không giảm dần, trùng nhau, hoặc mức thấp nhất không bắt đầu từ 0%.",
    "Các mức xếp loại phải có ngưỡng giảm dần, không trùng nhau.",
    "Sắp xếp 'bands' từ mức cao nhất (ví dụ Xuất sắc ≥ 90) xuống thấp nhất.",
)
FRAMEWORK_BANDS_FROM_ZERO = _variant(
    FRAMEWORK_BANDS,
    "Mức xếp loại thấp nhất không bắt đầu từ 0%.",
    "Đặt 'min: 0' cho mức thấp nhất để đơn vị nào cũng được xếp loại.",
    severity=Severity.WARNING,
)
FRAMEWORK_RULE_MAX = _error(
    "framework-rule-max",
    "Mức điểm cao nhất của cách chấm khác điểm tối đa của tiêu chí.",
    "Tiêu chí {criterion}: mức điểm cao nhất của cách chấm là {top}, khác điểm tối đa {max}.",
    "Sửa điểm của các mức hoặc điểm tối đa cho khớp.",
)
FRAMEWORK_BAND_GAP = _warning(
    "framework-band-gap",
    "Khoảng tỷ lệ cuối cùng có điều kiện: tỷ lệ thấp hơn được 0 điểm.",
    "Tiêu chí {criterion}: khoảng cuối cùng có điều kiện; tỷ lệ thấp hơn sẽ được 0 điểm.",
    "Thêm một khoảng cuối không có 'gt'/'gte' để ghi rõ điểm còn lại.",
)
FRAMEWORK_RULE_DECIMALS = _error(
    "framework-rule-decimals",
    "Cách chấm làm tròn ít chữ số thập phân hơn điểm tối đa.",
    "Tiêu chí {criterion}: điểm tối đa {max} có {places} chữ số thập phân nhưng cách chấm chỉ làm tròn "
    "{decimals} chữ số.",
    "Đặt 'decimals: {places}' (hoặc lớn hơn) để điểm tối đa tính được đúng.",
)
FRAMEWORK_RULE_STEP = _error(
    "framework-rule-step",
    "Điểm tối đa không chia hết cho bước điểm.",
    "Tiêu chí {criterion}: điểm tối đa {max} không chia hết cho bước {step}.",
    "Chọn bước điểm chia hết điểm tối đa (ví dụ 0.25 hoặc 0.5).",
)
FRAMEWORK_ADJUSTMENT_AREA = _error(
    "framework-adjustment-area",
    "Điểm thưởng/điểm trừ đứng riêng như một lĩnh vực.",
    "{criterion}: điểm thưởng/điểm trừ phải là tiêu chí trong một lĩnh vực.",
    "Đặt điểm thưởng, điểm trừ trong lĩnh vực riêng có điểm tối đa 0.",
    shown_by="tests/test_rules.py::test_an_adjustment_standing_as_an_area_is_refused_by_its_kind",
)

# ── Past results brought in from their publication decision (checks/history.py) ─────────────

HISTORY_YEAR_MISMATCH = _error(
    "history-year-mismatch",
    "Năm ghi trong tệp kết quả đã công bố khác tên tệp, hoặc hai tệp cùng một năm.",
    "Tệp ghi năm {year}.",
    "Đặt tên tệp là history/{year}.yaml.",
)
HISTORY_YEAR_TWICE = _variant(
    HISTORY_YEAR_MISMATCH,
    "Tệp {file} ghi năm {year}, trùng năm với {kept}; tệp này bị bỏ qua.",
    "Mỗi năm chỉ một tệp kết quả đã công bố, tên là history/<năm>.yaml: sửa năm trong tệp hoặc xoá tệp thừa.",
)
HISTORY_PLAN_CONFLICT = _error(
    "history-plan-conflict",
    "Một năm vừa có kế hoạch vừa có kết quả nhập từ quyết định công bố.",
    "Năm {year} đã có kế hoạch ({plan}): kết quả của năm này do hệ thống tính từ hồ sơ, không nhập từ quyết "
    "định công bố.",
    "Chỉ nhập kết quả đã công bố của những năm chưa dùng hệ thống; xoá một trong hai tệp.",
)
HISTORY_UNIT_UNKNOWN = _error(
    "history-unit-unknown",
    "Kết quả đã công bố của một đơn vị không có trong năm đó.",
    "Đơn vị '{unit}' không có trong danh sách đơn vị năm {year}.",
    "Sửa mã đơn vị theo units/, hoặc bổ sung đơn vị (kèm năm hoạt động) vào danh sách.",
)
HISTORY_DUPLICATE = _error(
    "history-duplicate",
    "Một đơn vị có hai dòng trong bảng kết quả đã công bố.",
    "Kết quả của '{unit}' có hai lần (dòng {first} và dòng {second}).",
    "Mỗi đơn vị một dòng: xoá dòng lặp.",
)
HISTORY_AREA_UNKNOWN = _error(
    "history-area-unknown",
    "Điểm của một lĩnh vực không có trong danh sách lĩnh vực.",
    "Đơn vị '{unit}': lĩnh vực {area} không có trong danh sách lĩnh vực của cấp '{level}' (mục areas).",
    "Khai báo lĩnh vực {area} trong mục areas.{level}, hoặc sửa mã lĩnh vực.",
)
HISTORY_ABOVE_MAX = _error(
    "history-above-max",
    "Điểm đã công bố vượt điểm tối đa.",
    "Đơn vị '{unit}': điểm lĩnh vực {area} ({points}) vượt điểm tối đa {max}.",
    "Kiểm tra lại với bảng kết quả đã công bố.",
)
HISTORY_TOTAL_ABOVE_MAX = _variant(
    HISTORY_ABOVE_MAX, "Đơn vị '{unit}': tổng điểm {total} vượt điểm tối đa áp dụng {max}."
)
HISTORY_TOTAL = _error(
    "history-total",
    "Tổng điểm đã công bố khác tổng điểm các lĩnh vực.",
    "Đơn vị '{unit}': tổng điểm ghi {total}, khác tổng điểm các lĩnh vực ({summed}).",
    "Sửa điểm các lĩnh vực hoặc tổng điểm cho khớp bảng đã công bố.",
)
HISTORY_INDEX = _error(
    "history-index",
    "Chỉ số đã công bố khác tổng điểm ÷ điểm tối đa áp dụng.",
    "Đơn vị '{unit}': chỉ số {index}% khác tổng điểm ÷ điểm tối đa áp dụng ({total} ÷ {max} × 100 = {expected}%).",
    "Sửa chỉ số, tổng điểm hoặc điểm tối đa áp dụng cho khớp bảng đã công bố.",
)
HISTORY_PLACE = _error(
    "history-place",
    "Thứ hạng đã công bố khác thứ tự theo chỉ số.",
    "Đơn vị '{unit}': thứ hạng {place} không khớp chỉ số {index}% (theo chỉ số, hạng trong nhóm phải là {should}).",
    "Kiểm tra lại thứ hạng và chỉ số với bảng đã công bố (xếp hạng trong từng nhóm, chỉ số giảm dần).",
)
HISTORY_UNIT_MISSING = _warning(
    "history-unit-missing",
    "Một đơn vị hoạt động trong năm không có trong bảng đã công bố.",
    "Bảng kết quả năm {year} không có {count} đơn vị hoạt động năm đó: {units}.",
    "Nếu quyết định công bố có các đơn vị này, bổ sung kết quả của họ; nếu không, kiểm tra năm hoạt động của đơn "
    "vị trong units/.",
)

# ── Survey points (checks/survey.py, load/repository.py) ─────────────────────────────────

SURVEY_YEAR_MISMATCH = _error(
    "survey-year-mismatch",
    "Năm ghi trong tệp điểm điều tra khác tên tệp, hoặc hai tệp cùng một năm.",
    "Tệp ghi năm {year}.",
    "Đặt tên tệp là surveys/{year}.yaml.",
)
SURVEY_YEAR_TWICE = _variant(
    SURVEY_YEAR_MISMATCH,
    "Tệp {file} ghi năm {year}, trùng năm với {kept}; tệp này bị bỏ qua.",
    "Mỗi năm chỉ một tệp điểm điều tra, tên là surveys/<năm>.yaml: sửa năm trong tệp hoặc xoá tệp thừa.",
)
SURVEY_UNIT_UNKNOWN = _error(
    "survey-unit-unknown",
    "Điểm điều tra của một đơn vị không có (hoặc không hoạt động) trong năm.",
    "Đơn vị '{unit}' không có trong danh sách đơn vị năm {year}.",
    "Sửa mã đơn vị theo thư mục units/.",
)
SURVEY_DUPLICATE = _error(
    "survey-duplicate",
    "Điểm điều tra của một đơn vị và tiêu chí được nhập hai lần.",
    "Điểm điều tra của '{unit}', tiêu chí {criterion} bị nhập hai lần (dòng {first_line}).",
    "Xoá dòng lặp.",
)
SURVEY_CRITERION = _error(
    "survey-criterion",
    "Điểm điều tra cho một tiêu chí không phải tiêu chí điều tra xã hội học.",
    "Tiêu chí {criterion} không phải tiêu chí điều tra xã hội học của bộ tiêu chí '{framework}'.",
    "Chỉ nhập điểm cho các tiêu chí có method: survey.",
)
SURVEY_ABOVE_MAX = _error(
    "survey-above-max",
    "Điểm điều tra vượt điểm tối đa của tiêu chí.",
    "Điểm điều tra {points} của '{unit}' vượt điểm tối đa {max} của tiêu chí {criterion}.",
    "Kiểm tra lại số liệu điều tra.",
)
SURVEY_MISSING = _warning(
    "survey-missing",
    "Chưa có điểm điều tra của một đơn vị cho một số tiêu chí.",
    "Chưa có điểm điều tra của '{unit}' cho tiêu chí: {criteria}.",
    "Bổ sung điểm điều tra; tiêu chí thiếu được tính 0 điểm.",
)

# ── A dossier and its self-assessment (checks/dossier.py) ────────────────────────────────

DOSSIER_UNIT_MISMATCH = _error(
    "dossier-unit-mismatch",
    "Đơn vị ghi trong tệp khác thư mục hồ sơ chứa nó.",
    "Hồ sơ ghi đơn vị '{unit}' nhưng nằm trong thư mục của '{folder_unit}'.",
    "Sửa thành 'unit: {folder_unit}' (mỗi đơn vị chỉ nộp trong thư mục của mình).",
)
DOSSIER_UNIT_MISMATCH_FILE = _variant(
    DOSSIER_UNIT_MISMATCH,
    "Tệp ghi đơn vị '{unit}' nhưng nằm trong thư mục của '{folder_unit}'.",
    "Sửa thành 'unit: {folder_unit}'.",
)
DOSSIER_YEAR_MISMATCH = _error(
    "dossier-year-mismatch",
    "Năm ghi trong tệp khác thư mục năm chứa nó.",
    "Hồ sơ ghi năm {year} nhưng nằm trong thư mục năm {folder_year}.",
    "Sửa thành 'year: {folder_year}'.",
)
DOSSIER_YEAR_MISMATCH_FILE = _variant(
    DOSSIER_YEAR_MISMATCH, "Tệp ghi năm {year} nhưng nằm trong thư mục năm {folder_year}."
)
UNIT_UNKNOWN = _error(
    "unit-unknown",
    "Thư mục hồ sơ mang mã đơn vị không có trong danh sách đơn vị.",
    "Đơn vị '{unit}' không có trong danh sách đơn vị.",
    _DID_YOU_MEAN + "Thư mục hồ sơ phải mang đúng mã đơn vị trong units/.",
)
UNIT_INACTIVE = _error(
    "unit-inactive",
    "Đơn vị không hoạt động trong năm của hồ sơ (đã sáp nhập hoặc chưa thành lập).",
    "Đơn vị '{unit}' không còn/chưa hoạt động trong năm {year}.",
    "Kiểm tra năm đánh giá và danh sách đơn vị.",
)
UNIT_MERGED = _variant(
    UNIT_INACTIVE, hint="Đơn vị đã sáp nhập vào: {successors}; nộp hồ sơ trong thư mục của đơn vị kế thừa."
)
CRITERION_DUPLICATE = _error(
    "criterion-duplicate",
    "Một tiêu chí được chấm hai lần.",
    "Tiêu chí {criterion} được chấm hai lần (lần đầu ở dòng {first_line}).",
    "Gộp lại thành một mục và xoá mục lặp.",
)
CRITERION_DUPLICATE_IN_ROUND = _variant(
    CRITERION_DUPLICATE, "Tiêu chí {criterion}: xuất hiện hai lần trong vòng {round}.", "Xoá mục lặp."
)
CRITERION_UNKNOWN = _error(
    "criterion-unknown",
    "Mã tiêu chí không có trong bộ tiêu chí (hoặc không phải tiêu chí tự chấm).",
    "Mã tiêu chí '{criterion}' không có trong bộ tiêu chí '{framework}'.",
    _DID_YOU_MEAN + "Dùng 'cchc new' để tạo lại danh sách mã đúng.",
)
CRITERION_NOT_APPRAISABLE = _variant(
    CRITERION_UNKNOWN,
    "Tiêu chí {criterion}: không phải tiêu chí tự chấm của bộ tiêu chí '{framework}'.",
    "Dùng mã tiêu chí thành phần có trong hồ sơ tự đánh giá.",
)
CRITERION_NOT_LEAF = _error(
    "criterion-not-leaf",
    "Chấm điểm cho mục cha thay vì các tiêu chí thành phần.",
    "'{criterion}' là {kind} có các tiêu chí thành phần; điểm được cộng tự động.",
    "Chấm điểm cho từng tiêu chí thành phần {parts} thay vì mục cha.",
)
CRITERION_SURVEY = _error(
    "criterion-survey",
    "Đơn vị tự chấm một tiêu chí chấm bằng điều tra xã hội học.",
    "Tiêu chí {criterion} ({title}) được chấm bằng điều tra xã hội học; đơn vị không tự chấm.",
    "Xoá mục này khỏi hồ sơ tự đánh giá.",
)
CRITERION_MISSING = _error(
    "criterion-missing",
    "Chưa chấm một tiêu chí của bộ tiêu chí.",
    "Chưa chấm tiêu chí {criterion} — {title} (tối đa {max} điểm).",
    "Thêm mục '- code: \"{criterion}\"' với điểm tự chấm, hoặc 'na: true' kèm lý do nếu được phép không áp dụng.",
)
NA_NOT_ALLOWED = _error(
    "na-not-allowed",
    "Khai 'không áp dụng' cho tiêu chí không cho phép.",
    "Tiêu chí {criterion}: bộ tiêu chí không cho phép khai 'không áp dụng'.",
    "Xoá 'na: true' và chấm điểm tiêu chí này.",
)
NA_NO_REASON = _error(
    "na-no-reason",
    "Khai 'không áp dụng' nhưng thiếu lý do.",
    "Tiêu chí {criterion}: khai 'không áp dụng' nhưng thiếu lý do.",
    "Ghi lý do vào 'na_reason'.",
)
NA_WITH_SCORE = _error(
    "na-with-score",
    "Khai 'không áp dụng' mà vẫn chấm điểm hoặc nhập số liệu.",
    "Tiêu chí {criterion}: đã khai 'không áp dụng' thì không chấm điểm.",
    "Xoá 'score'/'figures', hoặc xoá 'na: true'.",
)
FIGURES_MISSING = _error(
    "figures-missing",
    "Tiêu chí tính điểm từ số liệu nhưng chưa nhập số liệu.",
    "Tiêu chí {criterion}: cách chấm '{kind}' tính từ số liệu nhưng chưa nhập số liệu.",
    "Thêm 'figures: {{achieved: …, total: …}}' ({achieved} / {total}).",
)
FIGURES_INCONSISTENT = _error(
    "figures-inconsistent",
    "Số đạt được lớn hơn tổng số.",
    "Tiêu chí {criterion}: số đạt được ({achieved}) lớn hơn tổng số ({total}).",
    "Kiểm tra lại số liệu theo báo cáo.",
)
FIGURES_NO_CASES = _error(
    "figures-no-cases",
    "Tổng số bằng 0: không tính được tỷ lệ.",
    "Tiêu chí {criterion}: tổng số bằng 0 (không phát sinh).",
    "Nếu tiêu chí không phát sinh, khai 'na: true' kèm lý do (nếu được phép).",
)
FIGURES_UNEXPECTED = _warning(
    "figures-unexpected",
    "Nhập số liệu cho tiêu chí không tính điểm từ số liệu.",
    "Tiêu chí {criterion}: cách chấm của tiêu chí này không dùng số liệu.",
    "Xoá mục 'figures'.",
)
SCORE_MISMATCH = _error(
    "score-mismatch",
    "Điểm tự chấm khác điểm tính từ số liệu.",
    "Tiêu chí {criterion}: điểm tự chấm {score} khác điểm tính từ số liệu ({achieved}/{total} → {computed}).",
    "Sửa 'score: {computed}' hoặc xoá 'score' để hệ thống tự tính.",
)
SCORE_MISSING = _error(
    "score-missing",
    "Chưa có điểm tự chấm.",
    "Tiêu chí {criterion}: chưa có điểm tự chấm.",
    "Thêm 'score: …' (hoặc 'na: true' nếu không áp dụng).",
)
SCORE_ABOVE_MAX = _error(
    "score-above-max",
    "Điểm tự chấm hoặc điểm thẩm định vượt điểm tối đa của tiêu chí.",
    "Tiêu chí {criterion}: điểm {score} vượt điểm tối đa {max}.",
    "Chấm trong khoảng 0 – {max}.",
)
APPRAISED_ABOVE_MAX = _variant(SCORE_ABOVE_MAX, "Tiêu chí {criterion}: điểm thẩm định {score} vượt điểm tối đa {max}.")
SCORE_NOT_ALLOWED = _error(
    "score-not-allowed",
    "Điểm không thuộc các mức điểm cách chấm cho phép.",
    "Tiêu chí {criterion}: điểm {score} không hợp lệ: {problem}.",
    "Chọn lại điểm theo cách chấm: {rule}.",
)
APPRAISED_NOT_ALLOWED = _variant(
    SCORE_NOT_ALLOWED,
    "Tiêu chí {criterion}: điểm thẩm định {score} không hợp lệ: {problem}.",
    "Chọn điểm theo cách chấm của tiêu chí.",
)
EXPLANATION_MISSING = _error(
    "explanation-missing",
    "Tiêu chí có điểm nhưng không có tài liệu kiểm chứng và cũng không có giải trình.",
    "Tiêu chí {criterion}: chưa có tài liệu kiểm chứng và cũng chưa có giải trình.",
    "Đính kèm tài liệu kiểm chứng ({expected}) hoặc ghi 'explanation' giải trình cách tính điểm.",
)
EVIDENCE_MISSING = _warning(
    "evidence-missing",
    "Tiêu chí có điểm chỉ có giải trình, không có tài liệu kiểm chứng.",
    "Tiêu chí {criterion}: không có tài liệu kiểm chứng, chỉ có giải trình.",
    "Hội đồng có thể không chấp nhận điểm nếu thiếu tài liệu kiểm chứng.",
)
REPORT_MISSING = _error(
    "report-missing",
    "Hồ sơ chưa có Báo cáo tự đánh giá đã được phê duyệt.",
    "Hồ sơ chưa có Báo cáo tự đánh giá đã được lãnh đạo phê duyệt.",
    "Thêm mục 'report:' với file (PDF trong evidence/), number, date, approved_by.",
)

# ── Evidence references (evidence/paths.py, checks/evidence.py) ──────────────────────────

EVIDENCE_PATH_EMPTY = _error(
    "evidence-path-empty",
    "Đường dẫn tài liệu kiểm chứng để trống.",
    "Đường dẫn tài liệu kiểm chứng để trống.",
    "Ghi tên tệp, ví dụ evidence/ke-hoach.pdf.",
)
EVIDENCE_PATH_CONTROL = _error(
    "evidence-path-control",
    "Đường dẫn tài liệu kiểm chứng chứa ký tự điều khiển.",
    "Đường dẫn '{path}' chứa ký tự điều khiển.",
    "Đổi tên tệp chỉ dùng chữ, số, dấu gạch ngang và dấu chấm.",
)
EVIDENCE_PATH_URL = _error(
    "evidence-path-url",
    "Tài liệu kiểm chứng là đường link thay vì tệp trong hồ sơ.",
    "'{path}' là đường link, không phải tệp trong hồ sơ.",
    "Tải tệp PDF vào thư mục evidence/ của đơn vị và ghi tên tệp, ví dụ evidence/ke-hoach.pdf.",
)
EVIDENCE_PATH_BACKSLASH = _error(
    "evidence-path-backslash",
    "Đường dẫn dùng dấu '\\' (chép từ Windows) thay cho dấu '/'.",
    "Đường dẫn '{path}' dùng dấu '\\'.",
    "Dùng dấu '/' giữa thư mục và tên tệp, ví dụ evidence/ke-hoach.pdf.",
)
EVIDENCE_PATH_ABSOLUTE = _error(
    "evidence-path-absolute",
    "Đường dẫn tuyệt đối (trên máy tính cá nhân).",
    "Đường dẫn '{path}' là đường dẫn tuyệt đối (trên máy tính cá nhân).",
    "Ghi đường dẫn tính từ thư mục của đơn vị, ví dụ evidence/ke-hoach.pdf.",
)
EVIDENCE_PATH_OUTSIDE = _error(
    "evidence-path-outside",
    "Đường dẫn trỏ ra ngoài thư mục của đơn vị hoặc tới hồ sơ của đơn vị khác.",
    "Đường dẫn '{path}' trỏ ra ngoài thư mục của đơn vị.",
    "Tài liệu kiểm chứng phải nằm trong thư mục evidence/ của chính đơn vị.",
)
EVIDENCE_PATH_OTHER_UNIT = _variant(
    EVIDENCE_PATH_OUTSIDE,
    "Đường dẫn '{path}' trỏ tới hồ sơ của đơn vị khác.",
    "Chỉ được dẫn tài liệu trong thư mục evidence/ của chính đơn vị; nếu cần, sao chép tài liệu vào đó.",
)
EVIDENCE_SYMLINK = _error(
    "evidence-symlink",
    "Tài liệu kiểm chứng là liên kết (symlink), không phải tệp thật.",
    "'{written}' là liên kết (symlink), không phải tệp thật; hệ thống không đọc tệp qua liên kết.",
    "Thay liên kết bằng chính tệp PDF (sao chép tệp vào thư mục evidence/).",
)
EVIDENCE_NOT_FOUND = _error(
    "evidence-not-found",
    "Không tìm thấy tệp tài liệu kiểm chứng.",
    "Không tìm thấy tệp '{written}'.",
    _DID_YOU_MEAN + "Tải tệp vào thư mục evidence/ của đơn vị và ghi đúng tên (phân biệt chữ hoa, chữ thường).",
)
EVIDENCE_PAGE_OUT_OF_RANGE = _error(
    "evidence-page-out-of-range",
    "Trang dẫn chứng vượt số trang của tài liệu.",
    "'{written}' chỉ có {pages} trang, không có trang {page}.",
    "Sửa số trang dẫn chứng cho đúng.",
)
EVIDENCE_SIGNED_AFTER_DEADLINE = _error(
    "evidence-signed-after-deadline",
    "Tài liệu kiểm chứng được ký số sau thời hạn.",
    "'{written}' được {signer} ký số lúc {signed}, sau thời hạn ({deadline}).",
    "Tài liệu kiểm chứng phải là văn bản đã ban hành trước thời hạn. Nếu đồng hồ máy ký bị sai, giải trình "
    "trong hồ sơ và báo Sở Nội vụ.",
)
EVIDENCE_SIGNATURE_DATE_MISMATCH = _warning(
    "evidence-signature-date-mismatch",
    "Ngày ghi cho tài liệu khác ngày ký số.",
    "'{written}' ghi ngày {declared:%d/%m/%Y} nhưng được ký số ngày {signed:%d/%m/%Y}.",
    "Sửa 'date' cho đúng ngày ký ban hành văn bản.",
)
EVIDENCE_SHARED_WITH_OTHER_UNIT = _warning(
    "evidence-shared-with-other-unit",
    "Tài liệu có nội dung trùng với tài liệu của đơn vị khác.",
    "'{written}' có nội dung trùng với tài liệu của đơn vị khác ({units}): {others}.",
    "Mỗi đơn vị nộp tài liệu của chính mình. Nếu đây là văn bản chung (ví dụ văn bản của UBND tỉnh gửi nhiều "
    "đơn vị), ghi rõ trong giải trình.",
)
EVIDENCE_REUSED_UNRELATED = _warning(
    "evidence-reused-unrelated",
    "Một tài liệu được dẫn cho tiêu chí của hai lĩnh vực khác nhau.",
    "'{written}' được dẫn cho cả tiêu chí {first} (dòng {first_line}) và tiêu chí {criterion}, thuộc hai lĩnh "
    "vực khác nhau.",
    "Nếu mỗi tiêu chí dùng một phần của văn bản, ghi rõ 'section' (mục) hoặc 'page' (trang); nếu không, dẫn "
    "đúng tài liệu cho từng tiêu chí.",
)
EVIDENCE_UNREFERENCED = _warning(
    "evidence-unreferenced",
    "Tệp trong thư mục evidence/ không được dẫn chứng cho tiêu chí nào.",
    "Tệp không được dẫn chứng cho tiêu chí nào.",
    "Dẫn tệp này trong 'evidence' của tiêu chí liên quan, hoặc xoá tệp.",
)

# ── Evidence files (evidence/problems.py: the message follows "'<file>': ") ───────────────

_RESCAN = "Quét lại văn bản giấy (định dạng PDF) hoặc xuất lại tệp rồi tải lên."
_REPRINT = (
    "Tài liệu kiểm chứng không được chứa nội dung tự chạy: quét bản giấy đã ký, hoặc dùng bản "
    "điện tử đã ký số nhận từ hệ thống quản lý văn bản."
)

EVIDENCE_FILE_EMPTY = _error(
    "evidence-file-empty",
    "Tệp tài liệu kiểm chứng rỗng (0 byte).",
    "Tệp rỗng (0 byte).",
    "Tải lại tệp: có thể quá trình tải lên đã bị lỗi.",
)
EVIDENCE_TOO_LARGE = _error(
    "evidence-too-large",
    "Tệp vượt dung lượng tối đa kế hoạch cho phép.",
    "Tệp {mb} MB, vượt giới hạn {limit_mb} MB của kế hoạch.",
    "Quét lại với độ phân giải thấp hơn (150–200 dpi, đen trắng) hoặc tách tài liệu.",
)
EVIDENCE_LFS_MISSING = _error(
    "evidence-lfs-missing",
    "Kho chỉ có con trỏ Git LFS, chưa có nội dung tệp.",
    "Nội dung tệp chưa được tải về: trong kho chỉ có con trỏ Git LFS{known}.",
    "Chạy 'git lfs install' rồi 'git lfs pull' để tải nội dung; trong CI đặt 'lfs: true' ở bước checkout. "
    "Nếu vẫn thiếu, người nộp cần đẩy nội dung lên bằng 'git lfs push --all origin'.",
)
EVIDENCE_NOT_PDF = _error(
    "evidence-not-pdf",
    "Tài liệu kiểm chứng không phải tệp PDF.",
    "Tệp không phải PDF (dù có thể mang đuôi .pdf).",
    "Xuất hoặc quét tài liệu ra định dạng PDF rồi tải lại.",
)
EVIDENCE_NOT_PDF_NAME = _variant(
    EVIDENCE_NOT_PDF,
    "'{written}' không phải tệp PDF.",
    "Tài liệu kiểm chứng phải là bản chụp PDF của văn bản giấy hoặc văn bản điện tử có chữ ký số.",
)
EVIDENCE_PDF_UNREADABLE = _error(
    "evidence-pdf-unreadable",
    "Tệp PDF bị hỏng, bị cắt cụt hoặc không đọc được.",
    "Tệp PDF bị hỏng hoặc không đọc được.",
    "Mở thử tệp trên máy; " + _RESCAN[0].lower() + _RESCAN[1:],
)
EVIDENCE_PDF_TRUNCATED = _variant(
    EVIDENCE_PDF_UNREADABLE,
    "Tệp PDF bị cắt cụt (thiếu phần cuối tệp), thường do tải lên bị gián đoạn.",
    "Tải lại tệp gốc; mở thử tệp trên máy trước khi nộp.",
)
EVIDENCE_PDF_REPAIRED = _warning(
    "evidence-pdf-repaired",
    "Tệp PDF có lỗi cấu trúc, chỉ đọc được sau khi tự sửa.",
    "Tệp PDF có lỗi cấu trúc; đọc được sau khi tự sửa, nhưng có thể hiển thị không đúng trên máy của hội đồng.",
    _RESCAN,
)
EVIDENCE_ENCRYPTED = _error(
    "evidence-encrypted",
    "Tệp PDF có mật khẩu.",
    "Tệp PDF có mật khẩu, hội đồng không mở được.",
    "Lưu lại bản PDF không đặt mật khẩu.",
)
EVIDENCE_PDF_JAVASCRIPT = _error(
    "evidence-pdf-javascript",
    "Tệp PDF chứa mã JavaScript.",
    "Tệp PDF chứa mã JavaScript (mã tự chạy khi mở tệp).",
    _REPRINT,
)
EVIDENCE_PDF_LAUNCH = _error(
    "evidence-pdf-launch",
    "Tệp PDF chứa lệnh mở chương trình hoặc tệp khác.",
    "Tệp PDF chứa lệnh mở chương trình hoặc tệp khác (Launch).",
    _REPRINT,
)
EVIDENCE_PDF_EMBEDDED_FILE = _error(
    "evidence-pdf-embedded-file",
    "Tệp PDF có tệp khác đính kèm bên trong.",
    "Tệp PDF có tệp khác đính kèm bên trong.",
    "Bỏ tệp đính kèm; nếu đó cũng là tài liệu kiểm chứng, nộp riêng thành tệp PDF trong thư mục evidence/.",
)
EVIDENCE_PDF_EMPTY = _error(
    "evidence-pdf-empty", "Tệp PDF không có trang nào.", "Tệp PDF không có trang nào.", "Quét hoặc xuất lại tài liệu."
)
EVIDENCE_NOT_SCAN_OR_SIGNED = _error(
    "evidence-not-scan-or-signed",
    "Tệp xuất từ phần mềm soạn thảo, không phải bản quét và không có chữ ký số.",
    "Tệp không đáp ứng yêu cầu bản chụp văn bản giấy hoặc văn bản điện tử có chữ ký số: đây là tệp xuất từ phần "
    "mềm soạn thảo, không có chữ ký số.",
    "Nộp bản quét (scan) văn bản giấy đã ký, đóng dấu; hoặc bản điện tử đã được ký số.",
)
EVIDENCE_PDF_TOO_COMPLEX = _error(
    "evidence-pdf-too-complex",
    "Không kiểm tra xong tệp PDF trong giới hạn thời gian và bộ nhớ.",
    "Không kiểm tra xong tệp PDF trong giới hạn cho phép ({seconds} giây, {memory} MB): tệp quá phức tạp hoặc có "
    "cấu trúc bất thường.",
    "Quét hoặc xuất lại tệp PDF; nếu tệp vẫn bị báo, gửi Sở Nội vụ kiểm tra.",
)
EVIDENCE_SIGNATURE_BROKEN = _error(
    "evidence-signature-broken",
    "Dữ liệu chữ ký số bị hỏng.",
    "Không đọc được chữ ký số{field} (dữ liệu chữ ký bị hỏng).",
    "Dùng đúng bản đã ký số nhận từ hệ thống quản lý văn bản.",
)
EVIDENCE_SIGNATURE_INVALID = _error(
    "evidence-signature-invalid",
    "Chữ ký số không hợp lệ: nội dung đã bị thay đổi sau khi ký.",
    "Chữ ký số của {signer} không hợp lệ: nội dung tệp đã bị thay đổi sau khi ký.",
    "Dùng đúng bản đã ký số nhận từ hệ thống quản lý văn bản; không sửa, không lưu lại tệp sau khi ký.",
)
EVIDENCE_SIGNATURE_MODIFIED = _error(
    "evidence-signature-modified",
    "Tệp bị sửa sau khi ký số; phần sửa không được chữ ký bảo đảm.",
    "Tệp bị sửa sau khi {signer} ký số ({what}); phần sửa không được chữ ký bảo đảm.",
    "Nộp đúng bản đã ký, không lưu thêm (kể cả ghi chú, điền biểu mẫu) sau khi ký.",
)
EVIDENCE_SIGNATURE_APPENDED = _warning(
    "evidence-signature-appended",
    "Có dữ liệu được ghi thêm vào cuối tệp sau khi ký số.",
    "Có {bytes} byte được ghi thêm vào cuối tệp sau khi {signer} ký số.",
    "Nộp đúng bản đã ký nhận từ hệ thống quản lý văn bản, không ghi thêm vào tệp.",
)
EVIDENCE_SIGNATURE_UNTRUSTED = _error(
    "evidence-signature-untrusted",
    "Chứng thư số của người ký không thuộc tổ chức chứng thực tin cậy.",
    "Chứng thư số của {signer} không thuộc tổ chức chứng thực tin cậy đã khai báo, hoặc không còn hiệu lực lúc ký.",
    "Văn bản phải được ký bằng chứng thư số do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp; liên hệ văn thư "
    "của đơn vị.",
)
EVIDENCE_SIGNATURE_CHAIN_UNVERIFIED = _warning(
    "evidence-signature-chain-unverified",
    "Chưa kiểm tra chuỗi chứng thư số: kế hoạch chưa khai báo chứng thư gốc.",
    "Chữ ký số của {signer} còn nguyên vẹn, nhưng chưa kiểm tra chuỗi chứng thư số: kế hoạch chưa khai báo chứng "
    "thư gốc tin cậy.",
    "Sở Nội vụ khai báo 'evidence: trust_roots:' trong plans/<năm>.yaml (tệp chứng thư gốc của tổ chức chứng "
    "thực chữ ký số).",
)

# ── What folders hold (checks/entries.py, evidence/files.py) ─────────────────────────────

PATH_SYMLINK = _error(
    "path-symlink",
    "Liên kết tượng trưng (symlink) trong thư mục dữ liệu.",
    "'{file}' là liên kết tượng trưng (symlink), không phải tệp thật; hệ thống không đọc tệp qua liên kết.",
    "Thay liên kết bằng chính tệp (sao chép tệp vào đúng chỗ), hoặc xoá liên kết.",
)
PATH_CONTROL_CHARACTER = _error(
    "path-control-character",
    "Tên tệp hoặc thư mục chứa ký tự điều khiển hoặc ký tự không đọc được.",
    "Tên '{file}' chứa ký tự điều khiển hoặc ký tự không đọc được.",
    "Đổi tên, chỉ dùng chữ, số, dấu gạch ngang và dấu chấm (ví dụ ke-hoach-cchc.pdf).",
)
DOSSIER_ENTRY_NOT_FILE = _error(
    "dossier-entry-not-file",
    "Thư mục hồ sơ chứa mục không phải tệp hay thư mục thường (submodule, FIFO…).",
    "'{file}' là liên kết tới một kho Git khác (submodule), không phải thư mục hay tệp của hồ sơ: nội dung của "
    "nó không được nộp cùng hồ sơ.",
    'Xoá liên kết này (git rm --cached "{file}") và sao chép chính các tệp PDF vào thư mục evidence/ của đơn vị.',
)
DOSSIER_ENTRY_SPECIAL = _variant(
    DOSSIER_ENTRY_NOT_FILE,
    "'{file}' là một tệp đặc biệt (FIFO, socket hoặc thiết bị), không phải tệp dữ liệu; hệ thống không đọc mục này.",
    "Xoá mục này khỏi thư mục hồ sơ; tài liệu kiểm chứng phải là tệp PDF thông thường.",
)
DOSSIER_NAME_TWIN = _error(
    "dossier-name-twin",
    "Hai tên trong một thư mục hồ sơ trông như nhau (khác chữ hoa/thường hoặc cách mã hoá).",
    "Trong hồ sơ có {count} tên {difference}: {names}. Người xem không phân biệt được, máy Windows/macOS chỉ giữ "
    "được một, và không rõ tệp nào là tài liệu đã nộp.",
    "Giữ lại một tên, xoá hoặc đổi hẳn tên các mục còn lại. Tài liệu Hội đồng đã tiếp nhận không được thay bằng "
    "tệp khác; tài liệu bổ sung phải mang tên mới (ví dụ thêm '-bo-sung').",
)

# ── Appraisal and explanation (checks/appraisal.py) ──────────────────────────────────────

DOSSIER_WITHOUT_SELF_ASSESSMENT = _error(
    "dossier-without-self-assessment",
    "Có kết quả thẩm định hoặc giải trình nhưng chưa có hồ sơ tự đánh giá.",
    "Có kết quả thẩm định/giải trình nhưng đơn vị chưa có hồ sơ tự đánh giá.",
    "Thẩm định chỉ thực hiện sau khi đơn vị nộp self-assessment.yaml.",
)
EXPLANATION_NOT_REQUESTED = _warning(
    "explanation-not-requested",
    "Giải trình một tiêu chí Hội đồng không yêu cầu.",
    "Giải trình tiêu chí {criterion} nhưng hội đồng không yêu cầu ở vòng 1.",
    "Chỉ giải trình các tiêu chí hội đồng yêu cầu (mục 'request').",
)
APPRAISAL_ROUNDS = _error(
    "appraisal-rounds",
    "Các vòng thẩm định không theo thứ tự vòng 1 rồi vòng 2.",
    "Các vòng thẩm định phải là vòng 1 rồi vòng 2, không lặp.",
    "Ghi vòng 1 trước, vòng 2 (cuối cùng) sau.",
)
APPRAISAL_WRONG_COUNCIL = _error(
    "appraisal-wrong-council",
    "Vòng thẩm định ghi hội đồng khác hội đồng được phân công.",
    "Vòng {round} ghi hội đồng '{council}', nhưng đơn vị được phân công cho '{assigned}' ({assigned_name}).",
    "Sửa mã hội đồng theo phân công trong kế hoạch.",
)
APPRAISAL_EMPTY_ITEM = _error(
    "appraisal-empty-item",
    "Mục thẩm định không có điểm cũng không có yêu cầu giải trình.",
    "Tiêu chí {criterion}: không có điểm thẩm định cũng không có yêu cầu giải trình.",
    "Ghi 'score' và 'reason', hoặc 'request'.",
)
APPRAISAL_REASON_MISSING = _error(
    "appraisal-reason-missing",
    "Điểm thẩm định khác điểm tự chấm nhưng không ghi lý do.",
    "Tiêu chí {criterion}: điểm thẩm định {score} khác điểm tự chấm {own} nhưng không ghi lý do.",
    "Ghi lý do điều chỉnh vào 'reason'.",
)

# ── The pull-request policy (policy/, cli/check_pr.py): worded where they are made ───────

_policy = functools.partial(_worded_where_made, Tool.CHECK_PR)


_policy("policy-base-unreadable", "Không đọc được province.yaml của nhánh chính nên không xác định được quyền.")
_policy(
    "pr-many-dossiers",
    "Một yêu cầu gộp thay đổi hồ sơ của nhiều đơn vị hoặc nhiều năm.",
    "tests/policy/test_check_pr.py::test_one_dossier_per_pull_request",
)
_policy(
    "policy-author-unknown",
    "Không rõ tài khoản người gửi nên chưa kiểm tra quyền sửa hồ sơ.",
    "tests/policy/test_local.py::test_local_check_compares_with_the_main_branch",
    warn=True,
)
_policy("policy-plan-missing", "Nhánh chính chưa có kế hoạch của năm hồ sơ.")
_policy(
    "policy-admin-only",
    "Tài khoản không phải quản trị (Sở Nội vụ) thay đổi phần dữ liệu dùng chung.",
    "tests/policy/test_check_pr.py::test_shared_files_need_an_administrator",
)
_policy("policy-dossier-file", "Yêu cầu gộp thêm vào thư mục hồ sơ một tệp không thuộc thành phần hồ sơ nào.")
_policy(
    "policy-appraisal-council-only",
    "Người không thuộc Hội đồng thẩm định được phân công ghi kết quả thẩm định.",
    "tests/policy/test_check_pr.py::test_a_unit_editing_its_own_appraisal_is_refused",
)
_policy(
    "policy-not-unit-account",
    "Tài khoản không phải của đơn vị sửa hồ sơ của đơn vị.",
    "tests/policy/test_local.py::test_local_check_compares_with_the_main_branch",
)
_policy(
    "codeowners-outdated",
    "Tệp CODEOWNERS chưa cập nhật theo danh sách đơn vị và phân công thẩm định.",
    "tests/policy/test_codeowners.py::test_generated_rules_follow_routing",
)
_policy("phase-not-open", "Gửi hồ sơ trước khi mở nhập liệu.")
_policy("phase-appraisal-started", "Sửa điểm tự chấm hoặc tài liệu kiểm chứng khi Hội đồng đã bắt đầu thẩm định.")
_policy(
    "phase-locked",
    "Sửa điểm tự chấm hoặc tài liệu kiểm chứng sau thời hạn tự đánh giá.",
    "tests/policy/test_check_pr.py::test_late_push_with_back_dated_commits_is_refused",
)
_policy(
    "receipt-pending",
    "Đã hết hạn tự đánh giá nhưng chưa có bản tiếp nhận để đối chiếu.",
    "tests/policy/test_receipts.py::test_a_receipt_for_an_earlier_deadline_is_not_the_current_one",
    warn=True,
)
_policy(
    "receipt-unverified",
    "Thẻ tiếp nhận không hợp lệ (không do quy trình Khoá nhập liệu ký).",
    "tests/policy/test_receipts.py::test_a_tag_pushed_by_someone_is_not_a_receipt",
)
_policy(
    "phase-explanation-not-open",
    "Lập giải trình khi Hội đồng chưa yêu cầu giải trình.",
    "tests/policy/test_rounds.py::test_the_explanation_round",
)
_policy(
    "phase-explanation-closed",
    "Gửi giải trình sau thời hạn hoặc sau khi có kết quả thẩm định vòng 2.",
    "tests/policy/test_rounds.py::test_the_explanation_round",
)
_policy(
    "appraisal-round-removed",
    "Yêu cầu gộp xoá kết quả thẩm định đã ghi nhận.",
    "tests/policy/test_rounds.py::test_a_closed_round_is_never_rewritten_nor_removed",
)
_policy(
    "appraisal-round-closed",
    "Sửa vòng thẩm định đã khép lại hoặc đã hết hạn.",
    "tests/policy/test_rounds.py::test_round_one_by_the_routed_council_within_its_window",
)
_policy(
    "appraisal-round2-early",
    "Ghi vòng thẩm định 2 trước khi có vòng 1 hoặc trước khi hết hạn giải trình.",
    "tests/policy/test_rounds.py::test_round_two_needs_round_one_recorded_and_the_explanation_round_over",
)
_policy(
    "withdraw-too-late",
    "Rút hồ sơ khi đã hết hạn tự đánh giá hoặc Hội đồng đã bắt đầu thẩm định.",
    "tests/policy/test_check_pr.py::test_withdrawing_after_the_deadline_is_not_a_withdrawal",
    warn=True,
)
_policy(
    "validator-not-base",
    "Bộ kiểm tra đang chạy không phải của nhánh gốc của yêu cầu gộp.",
    "tests/policy/test_validator.py::test_a_pull_request_changing_the_validator",
)
_policy(
    "phase-published",
    "Thay đổi hồ sơ hoặc điểm điều tra của năm đã công bố kết quả khi chưa có quyết định đính chính.",
)
_policy("event-time-clock", "Tệp sự kiện không ghi thời điểm; dùng giờ của máy chạy kiểm tra.", warn=True)

# ── The officer's import tools (officer/): worded where they are made ────────────────────

_officer = functools.partial(_worded_where_made, Tool.OFFICER)


_officer("officer-file-missing", "Không tìm thấy tệp cần nhập.")
_officer(
    "officer-file-format",
    "Loại tệp không đọc được (chỉ nhận .xlsx, .csv, .docx).",
    "tests/officer/test_framework_errors.py::test_files_that_cannot_be_read",
)
_officer(
    "officer-file-unreadable",
    "Tệp cần nhập bị hỏng hoặc không đúng định dạng.",
    "tests/officer/test_framework_errors.py::test_files_that_cannot_be_read",
)
_officer(
    "officer-file-too-large",
    "Tệp cần nhập vượt giới hạn dung lượng, số phần hoặc số trang tính.",
    "tests/officer/test_safe_open.py::test_a_shared_strings_bomb",
)
_officer(
    "officer-sheet-too-large",
    "Trang tính, bảng hoặc tệp CSV có quá nhiều dòng, cột hoặc ô.",
    "tests/officer/test_safe_open.py::test_a_sheet_declaring_16384_columns_and_a_millionth_row",
)
_officer(
    "officer-formula",
    "Ô chứa công thức (hoặc trường tính toán của Word) thay vì số liệu đã nhập.",
    "tests/officer/test_safe_open.py::test_formula_cells_are_refused_where_they_are",
)
_officer(
    "officer-hidden",
    "Trang, dòng, cột hoặc chữ bị ẩn nhưng có dữ liệu.",
    "tests/officer/test_safe_open.py::test_hidden_sheets_holding_data_are_refused",
)
_officer(
    "officer-header-missing",
    "Không tìm thấy dòng tiêu đề của bảng cần nhập.",
    "tests/officer/test_framework_errors.py::test_files_that_cannot_be_read",
)
_officer("officer-empty", "Bảng tiêu chí không có dòng nào dưới dòng tiêu đề.")
_officer(
    "officer-info-missing",
    "Thiếu thông tin của bộ tiêu chí (mã, cấp, tên, quyết định…).",
    "tests/officer/test_framework_errors.py::test_missing_decision_details_are_errors",
)
_officer("officer-info-format", "Thông tin của bộ tiêu chí không hợp lệ.")
_officer(
    "officer-bands-copied",
    "Bảng không ghi các mức xếp loại: dùng các mức của bộ tiêu chí gần nhất cùng cấp.",
    "tests/officer/test_framework_errors.py::test_each_mistake_is_located",
    warn=True,
)
_officer(
    "officer-code-format",
    "Mã mục của bảng tiêu chí không đúng dạng.",
    "tests/officer/test_framework_errors.py::test_each_mistake_is_located",
)
_officer(
    "officer-code-duplicate",
    "Hai dòng của bảng tiêu chí cùng một mã.",
    "tests/officer/test_framework_errors.py::test_each_mistake_is_located",
)
_officer(
    "officer-parent-missing",
    "Mục của bảng tiêu chí không có mục cấp trên ở các dòng phía trên.",
    "tests/officer/test_framework_errors.py::test_each_mistake_is_located",
)
_officer("officer-title-missing", "Mục của bảng tiêu chí chưa có tên.")
_officer("officer-max-missing", "Mục của bảng tiêu chí chưa có điểm tối đa.")
_officer(
    "officer-max-format",
    "Điểm tối đa hoặc điểm của mức không phải một số không âm.",
    "tests/officer/test_framework_errors.py::test_each_mistake_is_located",
)
_officer("officer-flag-format", "Ô đánh dấu (có/không) không rõ có hay không.")
_officer(
    "officer-row-malformed",
    "Dòng của bảng tiêu chí không có mã và không thuộc mục nào.",
    "tests/officer/test_framework_errors.py::test_each_mistake_is_located",
)
_officer("officer-area-empty", "Lĩnh vực không có tiêu chí nào.")
_officer(
    "officer-sum",
    "Điểm tối đa của một mục khác tổng điểm tối đa các mục con.",
    "tests/officer/test_framework_errors.py::test_each_mistake_is_located",
)
_officer(
    "officer-rule-left",
    "Chưa đọc được cách chấm; tạm ghi chấm trong khoảng, cần hoàn thiện.",
    "tests/officer/test_framework_errors.py::test_word_table_with_levels_on_their_own_rows",
    warn=True,
)
_officer("officer-rule-max", "Cách chấm cho điểm tối đa khác điểm tối đa của mục.")
_officer("officer-rule-note", "Lưu ý khi đọc cách chấm, cần kiểm tra lại.", warn=True)
_officer(
    "officer-figures-left",
    "Mục chấm theo tỷ lệ chưa có tên số liệu; tạm ghi tên mặc định.",
    "tests/officer/test_framework_errors.py::test_good_sheet_reads_rules_from_the_annex_words",
    warn=True,
)
_officer("officer-figures-unused", "Mục không chấm theo tỷ lệ nhưng có tên số liệu.", warn=True)
_officer(
    "officer-survey-unit",
    "Dòng điểm điều tra không ghi, hoặc ghi sai, đơn vị.",
    "tests/officer/test_survey_import.py::test_each_mistake_is_refused_with_its_row_and_column",
)
_officer("officer-survey-name", "Tên đơn vị khác tên trong danh sách đơn vị của mã đã ghi.", warn=True)
_officer(
    "officer-survey-criterion",
    "Cột hoặc mã tiêu chí không phải tiêu chí điều tra xã hội học.",
    "tests/officer/test_survey_import.py::test_each_mistake_is_refused_with_its_row_and_column",
)
_officer("officer-survey-format", "Điểm điều tra hoặc tổng điểm không phải một số.")
_officer(
    "officer-survey-above-max",
    "Điểm điều tra âm hoặc vượt điểm tối đa của tiêu chí.",
    "tests/officer/test_survey_import.py::test_each_mistake_is_refused_with_its_row_and_column",
)
_officer(
    "officer-survey-duplicate",
    "Điểm của một đơn vị và tiêu chí được nhập hai lần.",
    "tests/officer/test_survey_import.py::test_each_mistake_is_refused_with_its_row_and_column",
)
_officer(
    "officer-survey-total",
    "Tổng điểm ghi trong bảng khác tổng điểm các tiêu chí.",
    "tests/officer/test_survey_import.py::test_each_mistake_is_refused_with_its_row_and_column",
)
# The published-results import (officer/results_in.py, officer/colmap.py).
_officer("officer-column-map", "Mã lĩnh vực ghi cho một cột (trang 'Mã cột' hoặc --map) không đúng dạng.")
_officer("officer-results-format", "Điểm, chỉ số hoặc thứ hạng trong bảng kết quả bị thiếu hoặc không phải một số.")
_officer("officer-results-column", "Không rõ cột của bảng kết quả là lĩnh vực nào; cột bị bỏ qua.", warn=True)
_officer("officer-results-unit", "Dòng kết quả không ghi, hoặc ghi sai, đơn vị.")
_officer("officer-results-name", "Tên đơn vị trong bảng kết quả khác tên trong danh sách đơn vị.", warn=True)
_officer("officer-results-duplicate", "Một đơn vị có hai dòng trong bảng kết quả.")
_officer("officer-results-max", "Không rõ điểm tối đa áp dụng của đơn vị.")
_officer("officer-results-above-max", "Điểm lĩnh vực hoặc tổng điểm vượt điểm tối đa.")
_officer("officer-results-total", "Tổng điểm ghi trong bảng kết quả khác tổng điểm các lĩnh vực.")
_officer("officer-results-index", "Chỉ số ghi trong bảng kết quả khác tổng điểm ÷ điểm tối đa × 100.")
_officer("officer-results-place", "Thứ hạng không khớp chỉ số trong nhóm xếp hạng.")
_officer("officer-units-missing", "Bảng đơn vị thiếu một thông tin bắt buộc (tên, cấp, nhóm, năm bắt đầu).")
_officer(
    "officer-units-format",
    "Mã, năm hoặc tài khoản trong bảng đơn vị không đúng dạng.",
    "tests/officer/test_units_import.py::test_each_mistake_is_refused_with_its_row_and_column",
)
_officer(
    "officer-units-level",
    "Cấp đơn vị không có trong province.yaml.",
    "tests/officer/test_units_import.py::test_each_mistake_is_refused_with_its_row_and_column",
)
_officer("officer-units-group", "Nhóm xếp hạng không có trong province.yaml.")
_officer("officer-units-years", "Năm cuối hoạt động trước năm bắt đầu.")
_officer(
    "officer-units-parent",
    "Đơn vị cấp trên không có trong bảng hoặc danh sách đơn vị.",
    "tests/officer/test_units_import.py::test_each_mistake_is_refused_with_its_row_and_column",
)
_officer(
    "officer-units-predecessor",
    "Đơn vị tiền thân không tìm thấy hoặc không rõ là đơn vị nào.",
    "tests/officer/test_units_import.py::test_a_new_province_registry_from_one_table",
)
_officer(
    "officer-units-duplicate",
    "Hai dòng của bảng đơn vị trùng mã hoặc trùng tên.",
    "tests/officer/test_units_import.py::test_each_mistake_is_refused_with_its_row_and_column",
)
_officer("officer-units-id", "Mã tạo từ tên đã dùng: hệ thống thêm phần phân biệt.", warn=True)
