"""mkdocs hook entry point: the logic lives in the package (cchc.site_hook)."""

from cchc.site_hook import (  # noqa: F401
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_nav,
    on_page_content,
    on_page_markdown,
    on_post_build,
    on_post_page,
    on_pre_page,
    on_shutdown,
    on_startup,
)
