"""fzcheck: checks drafts of 法治政府建设年度报告 before they are published."""

__version__ = "0.1.0"
# The project's home page; SARIF's informationUri and the rules' helpUri (docs/rules.md anchors)
# are built from it. The repository has no public address yet: set the real one here when it has.
PROJECT_URL = "https://example.org/your-org/fzcheck"

from .engine import Options, check_paths, check_text  # noqa: E402

__all__ = ["Options", "check_paths", "check_text", "__version__"]
