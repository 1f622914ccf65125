"""fzcheck: checks drafts of 法治政府建设年度报告 before they are published."""

__version__ = "0.1.0"
# The project's home page; SARIF's informationUri and the rules' helpUri (docs/rules.md anchors)
# are built from it. The repository has no public address yet: set the real one here when it has.
PROJECT_URL = "https://example.org/your-org/fzcheck"

__all__ = ["Options", "check_file", "check_paths", "check_text", "__version__"]


def __getattr__(name: str):
    """``from checker import check_text`` reaches :mod:`checker.api`, imported when first asked
    for: importing one module of the package (a renderer, the model) does not load the checks."""
    if name in __all__ and name != "__version__":
        # deferred: `import checker` (a renderer, the model) does not load the checks
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
