"""mkdocs hook entry point: the logic lives in the package (cchc.site_hook)."""

from cchc.site_hook import on_config, on_files, on_page_content, on_post_build  # noqa: F401
