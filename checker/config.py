"""Settings: command line, then the configuration file, then built-in defaults.

The configuration is ``.fzcheck.yaml`` or ``[tool.fzcheck]`` in ``pyproject.toml``, found from
the current directory upwards, stopping at the repository root (a directory holding ``.git``)
or the home directory; ``--config FILE`` names one explicitly. Its keys mirror the options of
``fzcheck check`` plus ``rules`` (rule id → error|warning|info|off) and ``exclude`` (globs).
Every value is validated here, for the file and the command line alike, so a bad value stops
the run with a message naming the key and where it came from.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

import yaml

from .batch import MAX_JOBS, default_jobs
from .api import Options
from .model import SEVERITIES, YEAR_MAX, YEAR_MIN, FzcheckError, InputError
from .render import FORMATS
from .yamlsafe import DataError, load_toml, load_yaml
from .rules import registry
from .read import read_source
from .previous_report import AUTO
from .template import builtin_names

YAML_NAMES = (".fzcheck.yaml", ".fzcheck.yml")
FAIL_ON = ("error", "warning", "info", "never")
RULE_LEVELS = (*SEVERITIES, "off")


def default_format(environ: Mapping[str, str] | None = None) -> str:
    """The format to use when ``--format`` is not given: GitHub annotations inside GitHub Actions."""
    env = os.environ if environ is None else environ
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


_RULE_SEPARATORS = __import__("re").compile(r"[\s,，、;；]+")
ORIGIN_CLI = "命令行"
ORIGIN_DEFAULT = "默认值"


class ConfigError(FzcheckError):
    pass


# --- validating one value ------------------------------------------------------------------
def _brief(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it: never more than ``limit`` characters of it."""
    text = repr(value) if not isinstance(value, (list, dict)) or len(value) < 20 else f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _template(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}：应为模板名称或模板文件路径")
    return value.strip()


def _year(value: Any, where: str) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not YEAR_MIN <= value <= YEAR_MAX:
        raise ConfigError(f"{where}：{_brief(value)} 不是合理的年度（应为 {YEAR_MIN}—{YEAR_MAX} 之间的整数）")
    return value


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ConfigError(f"{where}：应为 YYYY-MM-DD 格式的有效日期，而不是 {_brief(value)}")


def _format(value: Any, where: str) -> str:
    if not isinstance(value, str) or value not in FORMATS:
        raise ConfigError(f"{where}：未知的输出格式 {_brief(value)}（可用：{'、'.join(FORMATS)}）")
    return value


def _output(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}：应为输出文件路径")
    return value


def _fail_on(value: Any, where: str) -> str:
    if not isinstance(value, str) or value not in FAIL_ON:
        raise ConfigError(f"{where}：应为 {'|'.join(FAIL_ON)}，而不是 {_brief(value)}")
    return value


def _jobs(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_JOBS:
        raise ConfigError(f"{where}：并行进程数应为不超过 {MAX_JOBS} 的正整数，而不是 {_brief(value)}")
    return value


def _max_size(value: Any, where: str) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= 10240:
        raise ConfigError(f"{where}：文件大小上限应为大于 0 的兆字节数（MB），而不是 {_brief(value)}")
    return float(value)


def _rules(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}：应为映射（规则编号: error|warning|info|off）")
    known = registry()
    out: dict[str, str] = {}
    for rule_id, level in value.items():
        if not isinstance(rule_id, str) or rule_id not in known:
            raise ConfigError(f"{where}.{_brief(rule_id)}：没有这条规则（fzcheck rules 列出全部规则）")
        if level is False:  # YAML 1.1 reads a bare `off` as false
            level = "off"
        if not isinstance(level, str) or level not in RULE_LEVELS:
            raise ConfigError(f"{where}.{rule_id}：级别应为 {'|'.join(RULE_LEVELS)}，而不是 {_brief(level)}")
        out[str(rule_id)] = level
    return out


def _exclude(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where}：应为文件名模式（glob）的列表")
    return tuple(value)


def _rule_names(value: Any, where: str) -> tuple[str, ...]:
    """Rule ids or families (structure, dates, indicators, figures, text), as a list or as
    one string separated by commas (``--select placeholder,dates``)."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(v, str) for v in items):
        raise ConfigError(f"{where}：应为规则编号或规则类别的列表")
    names = tuple(n for v in items for n in _RULE_SEPARATORS.split(v.strip()) if n)
    known = registry()
    families = {r.family for r in known.values()}
    for name in names:
        if name not in known and name not in families:
            raise ConfigError(
                f"{where}：没有规则或规则类别 {name!r}（fzcheck rules 列出全部规则；类别：{'、'.join(sorted(families))}）"
            )
    return names


def rules_named(names: tuple[str, ...]) -> set[str]:
    """The rule ids that rule ids and families name."""
    return {r.id for r in registry().values() if r.id in names or r.family in names}


def _min_severity(value: Any, where: str) -> str:
    if value not in SEVERITIES:
        raise ConfigError(f"{where}：应为 {'|'.join(SEVERITIES)}，而不是 {value!r}")
    return value
def _previous(value: Any, where: str) -> str | dict[str, str]:
    """Last year's report: a file, a directory, ``auto``, or a mapping checked file → previous file."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, dict) and value and all(
        isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        return {k.strip(): v.strip() for k, v in value.items()}
    raise ConfigError(f"{where}：应为上一年度报告的文件或目录、auto，或“本年度报告: 上一年度报告”的映射")


def check_previous(value: str | Mapping[str, str] | None, where: str = "--previous") -> None:
    """Every previous report named must be there and readable: otherwise the run stops (exit 2)."""
    if value is None or value == AUTO:
        return
    named = list(value.values()) if isinstance(value, Mapping) else [value]
    for path in named:
        if Path(path).is_dir() and not isinstance(value, Mapping):
            continue
        if not Path(path).is_file():
            raise ConfigError(f"{where}：上一年度报告 {path} 不存在")
        try:
            read_source(path)
        except InputError as exc:
            raise ConfigError(f"{where}：无法读取上一年度报告（{exc.message}）") from None


@dataclass(frozen=True)
class Key:
    validate: Callable[[Any, str], Any]
    default: Callable[[], Any]
    cli: str  # the option it mirrors, for messages


KEYS: dict[str, Key] = {
    "template": Key(_template, lambda: "annual", "--template"),
    "year": Key(_year, lambda: None, "--year"),
    "date": Key(_date, lambda: None, "--date"),
    "format": Key(_format, lambda: default_format(), "--format"),
    "output": Key(_output, lambda: None, "--output"),
    "fail_on": Key(_fail_on, lambda: "error", "--fail-on"),
    "jobs": Key(_jobs, default_jobs, "--jobs"),
    "max_size": Key(_max_size, lambda: 20.0, "--max-size"),
    "rules": Key(_rules, dict, "rules"),
    "exclude": Key(_exclude, tuple, "--exclude"),
    "include": Key(_exclude, tuple, "--include"),
    "select": Key(_rule_names, tuple, "--select"),
    "ignore": Key(_rule_names, tuple, "--ignore"),
    "min_severity": Key(_min_severity, lambda: "info", "--min-severity"),
    "previous": Key(_previous, lambda: None, "--previous"),
}
_UNION_KEYS = ("ignore",)  # the command line adds to the file's list instead of replacing it
_PATH_KEYS = ("template", "output")  # relative paths in a file are relative to that file


def validate_option(key: str, value: Any) -> Any:
    """Validate a command-line value (messages name the option)."""
    return KEYS[key].validate(value, KEYS[key].cli)


# --- finding and reading the file -----------------------------------------------------------
def _load_toml(path: Path) -> dict:
    import tomllib  # only for a pyproject.toml (see load_toml)

    try:
        return load_toml(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取配置文件 {path}（{exc}）") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {path} 不是有效的 TOML：{exc}") from None
    except DataError as exc:
        raise ConfigError(f"配置文件 {path}：{exc}，不像是配置文件，已拒绝读取") from None


def _pyproject_section(path: Path) -> dict | None:
    """``[tool.fzcheck]`` of a TOML file, or None when it has none."""
    tool = _load_toml(path).get("tool")
    section = tool.get("fzcheck") if isinstance(tool, dict) else None
    if section is not None and not isinstance(section, dict):
        raise ConfigError(f"配置文件 {path}：[tool.fzcheck] 应为表")
    return section


def discover(start: Path | None = None) -> Path | None:
    """The nearest configuration file from ``start`` (default: the current directory) upwards."""
    here = (start or Path.cwd()).resolve()
    try:
        home: Path | None = Path.home().resolve()
    except (RuntimeError, KeyError):
        home = None
    for directory in (here, *here.parents):
        for name in YAML_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(pyproject) is not None:
            return pyproject
        if (directory / ".git").exists() or directory == home:
            return None
    return None


def read_config(path: Path) -> dict[str, Any]:
    """The validated settings of one configuration file (keys normalised: ``fail-on`` → ``fail_on``)."""
    if not path.is_file():
        raise ConfigError(f"配置文件 {path} 不存在")
    if path.suffix == ".toml":
        raw: Any = _pyproject_section(path)
        if raw is None:
            raise ConfigError(f"配置文件 {path} 中没有 [tool.fzcheck] 表")
    else:
        try:
            raw = load_yaml(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"无法读取配置文件 {path}（{exc}）") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"配置文件 {path} 不是有效的 YAML：{exc}") from None
        except DataError as exc:
            raise ConfigError(f"配置文件 {path}：{exc}，不像是配置文件，已拒绝读取") from None

        if raw is None:
            raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"配置文件 {path}：顶层应为映射（键: 值）")
    out: dict[str, Any] = {}
    for raw_key, value in raw.items():
        key = str(raw_key).replace("-", "_")
        if key not in KEYS:
            raise ConfigError(f"配置文件 {path}：未知的键 {raw_key!r}（可用：{'、'.join(_shown_keys())}）")
        if key in out:
            raise ConfigError(f"配置文件 {path}：键 {raw_key!r} 重复（{key} 与 {key.replace('_', '-')} 只能写一个）")
        if value is None and key not in ("rules", "exclude", "include", "select", "ignore"):
            continue  # `year:` left empty means "not set"
        out[key] = KEYS[key].validate(value, f"配置文件 {path}：{raw_key}")
    for key in _PATH_KEYS:
        if key in out:
            out[key] = _relative_to(out[key], path.parent, key)
    if "previous" in out:  # its paths, and a mapping's keys, are relative to the file too
        previous = out["previous"]
        if isinstance(previous, dict):
            out["previous"] = {
                _relative_to(k, path.parent, "previous"): _relative_to(v, path.parent, "previous") for k, v in previous.items()
            }
        elif previous != "auto":
            out["previous"] = _relative_to(previous, path.parent, "previous")
    if "output" in out:
        _inside_config_tree(out["output"], path)
    return out


def _inside_config_tree(output: str, path: Path) -> None:
    """A configuration file may only name an output inside its own directory tree: a file in a
    downloaded folder must not make fzcheck overwrite ``~/.bashrc`` with report text."""
    base = path.parent.resolve()
    target = Path(output)
    try:  # the directory as it really is (links followed), the name as written
        where = target.parent.resolve() / target.name
    except (OSError, RuntimeError):
        where = Path(os.path.abspath(output))
    if target.name in ("", ".", "..") or not where.is_relative_to(base):
        raise ConfigError(
            f"配置文件 {path}：output 指向配置文件所在目录之外（{output}）；"
            "配置文件只能把报告写到它所在的目录或其子目录中，其他位置请用命令行 --output 指定"
        )


def _relative_to(value: str, base: Path, key: str) -> str:
    """A relative file path in a configuration file is relative to that file's directory."""
    if key == "template" and value in builtin_names():
        return value
    p = Path(value).expanduser()
    return str(p if p.is_absolute() else base / p)


def _shown_keys() -> list[str]:
    return [k.replace("_", "-") if k in ("fail_on", "max_size", "min_severity") else k for k in KEYS]


# --- the effective settings ----------------------------------------------------------------
@dataclass(frozen=True)
class Settings:
    values: Mapping[str, Any]
    origins: Mapping[str, str]  # key -> 命令行 | 配置文件 <path> | 默认值
    config_path: Path | None = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def options(self) -> Options:
        return Options(
            template=self.values["template"],
            year=self.values["year"],
            date=self.values["date"],
            rules=self.rule_levels(),
            max_bytes=int(self.values["max_size"] * 1024 * 1024),
            exclude=tuple(self.values["exclude"]),
            include=tuple(self.values["include"]),
            previous=self.values.get("previous"),
        )

    def rule_levels(self) -> dict[str, str]:
        """``rules`` with what ``select`` leaves out and what ``ignore`` names turned off."""
        levels = dict(self.values["rules"])
        selected = rules_named(self.values["select"]) if self.values["select"] else set(registry())
        ignored = rules_named(self.values["ignore"])
        for rule_id in registry():
            if rule_id not in selected or rule_id in ignored:
                levels[rule_id] = "off"
        return levels


def resolve(cli: Mapping[str, Any], config: str | None = None, cwd: Path | None = None) -> Settings:
    """Explicit command-line values (not None) win over the file, the file over the defaults.

    ``cli`` holds already-validated values (see :func:`validate_option`); ``config`` is the
    ``--config`` path, else the file is discovered from ``cwd``.
    """
    if config is not None:
        path: Path | None = Path(config)
        if not path.is_file():
            raise ConfigError(f"配置文件 {config} 不存在" if not path.exists() else f"--config {config} 不是文件")
    else:
        path = discover(cwd)
    from_file = read_config(path) if path else {}
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for key, spec in KEYS.items():
        if cli.get(key) is not None and key in _UNION_KEYS and key in from_file:
            values[key] = tuple(dict.fromkeys((*from_file[key], *cli[key])))
            origins[key] = f"{ORIGIN_CLI}＋配置文件 {path}"
        elif cli.get(key) is not None:
            values[key], origins[key] = cli[key], ORIGIN_CLI
        elif key in from_file:
            values[key], origins[key] = from_file[key], f"配置文件 {path}"
        else:
            values[key], origins[key] = spec.default(), ORIGIN_DEFAULT
    return Settings(values, origins, path)


def _shown_value(key: str, value: Any) -> str:
    if value is None:
        return "（未设置）"
    if key == "rules":
        return "，".join(f"{k}={v}" for k, v in value.items()) or "（无）"
    if key in ("exclude", "include", "select", "ignore"):
        return "，".join(value) or "（无）"
    if key == "previous" and isinstance(value, Mapping):
        return "，".join(f"{k} → {v}" for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        return f"{int(value)}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def describe(settings: Settings) -> str:
    """The effective settings and where each came from (``fzcheck check --print-config``)."""
    lines = [f"配置文件：{settings.config_path}" if settings.config_path else "配置文件：（未找到）", ""]
    labels = {"max_size": "max-size（MB）", "fail_on": "fail-on", "min_severity": "min-severity"}
    rows = [(labels.get(k, k), _shown_value(k, settings.values[k]), settings.origins[k]) for k in KEYS]
    width = max(_display_width(r[0]) for r in rows)
    value_width = min(40, max(_display_width(r[1]) for r in rows))
    for name, value, origin in rows:
        lines.append(f"{_pad(name, width)}  {_pad(value, value_width)}  {origin}")
    return "\n".join(lines) + "\n"


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _display_width(text))
