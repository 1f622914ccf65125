"""fzcheck: checks drafts of 法治政府建设年度报告 before they are published."""

__version__ = "0.1.0"

from .engine import Options, check_paths, check_text  # noqa: E402

__all__ = ["Options", "check_paths", "check_text", "__version__"]
