"""``--help`` in Chinese, wrapped to the terminal.

click and typer write their help in English (「Usage:」「Options」「Show this message and exit.」),
typer's panels show a type (``<str>``) for every value and cut lines at 80 columns, and
``textwrap`` counts a 汉字 as one column although it takes two. This module writes the help of a
command or of the program itself: 用法, the description, 参数, 选项 (with the value an option
takes, as 〈数字〉〈文件〉…) and 命令, each description wrapped to the terminal's width in
display cells, breaking between 汉字 but never inside a Latin word or before a closing mark.
"""

from __future__ import annotations

import os
import re
import shutil
from typing import Any

from rich.cells import cell_len

HELP_OPTION_TEXT = "显示本帮助并退出"
MIN_WIDTH, MAX_WIDTH = 40, 160
LABEL_LIMIT = 32  # a longer option label puts its description on the next line
_TOKEN = re.compile(r"[\x21-\x7e]+|\s+|.", re.S)  # a Latin word, a run of spaces, or one character
_NO_LINE_START = set("，。、；：？！）》」』】〉］”’,.;:?!)]}")
_NO_LINE_END = set("（《「『【〈［“‘([{")


def terminal_width() -> int:
    try:
        columns = int(os.environ.get("COLUMNS", "")) or shutil.get_terminal_size((100, 24)).columns
    except ValueError:
        columns = shutil.get_terminal_size((100, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells. Lines break between 汉字 and at spaces, never
    inside a Latin word (one wider than a line stands alone), never before a closing mark
    (「，」「）」…) nor after an opening one: the neighbouring word moves down with it."""
    lines: list[list[str]] = []
    line: list[str] = []
    used = 0
    for token in _TOKEN.findall(" ".join(text.split())):
        if token.isspace():
            if line:
                line.append(" ")
                used += 1
            continue
        w = cell_len(token)
        if line and used + w > width:
            carry: list[str] = []
            if token[0] in _NO_LINE_START:  # words go down with it until one may start a line
                while len(line) > 1 and len(carry) < 4 and (not carry or carry[0][0] in _NO_LINE_START):
                    carry.insert(0, line.pop())
            elif line[-1][-1] in _NO_LINE_END and len(line) > 1:
                carry.insert(0, line.pop())
            while carry and carry[0].isspace():
                carry.pop(0)
            lines.append(line)
            line, used = carry, sum(cell_len(t) for t in carry)
        line.append(token)
        used += w
    if line:
        lines.append(line)
    return ["".join(parts).rstrip() for parts in lines] or [""]


def _definitions(rows: list[tuple[str, str]], width: int, indent: int = 2) -> list[str]:
    """Two columns: labels, and descriptions wrapped beside them (or below a long label)."""
    if not rows:
        return []
    column = min(max(cell_len(label) for label, _ in rows), LABEL_LIMIT) + indent + 2
    out = []
    for label, text in rows:
        room = max(width - column, 20)
        wrapped = wrap(text, room) if text else [""]
        head = " " * indent + label
        if cell_len(head) + 2 > column:
            out.append(head)
            out.extend(" " * column + part for part in wrapped if part)
            continue
        out.append(head + " " * (column - cell_len(head)) + wrapped[0])
        out.extend(" " * column + part for part in wrapped[1:])
    return out


def _metavar(param: Any) -> str:
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    metavar = getattr(param, "metavar", None)
    if metavar:
        return metavar
    return "〈值〉" if getattr(param, "param_type_name", "") == "option" else f"〈{(param.name or '').upper()}〉"


def _option_row(param: Any) -> tuple[str, str]:
    names = sorted(param.opts, key=lambda o: (o.startswith("--"), o))
    label = ", ".join(names)
    metavar = _metavar(param)
    if metavar:
        label += f" {metavar}"
    text = HELP_OPTION_TEXT if param.name == "help" else (getattr(param, "help", None) or "")
    return label, text


def format_help(ctx: Any, command: Any) -> str:
    """The whole help text of ``command`` (a click command or group) in ``ctx``."""
    width = terminal_width()
    path = ctx.command_path
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [p for p in params if getattr(p, "param_type_name", "") == "argument"]
    options = [p for p in params if getattr(p, "param_type_name", "") == "option"]
    is_group = hasattr(command, "list_commands")
    usage = [path, "[选项]"]
    usage.extend(_metavar(a) for a in arguments)
    if is_group:
        usage.append("〈命令〉 [参数]...")
    out = ["用法：" + " ".join(usage), ""]
    description = (command.help or "").strip()
    if description:
        for paragraph in description.split("\n\n"):
            out.extend(wrap(paragraph, width - 2))
        out.append("")
    if arguments:
        out.append("参数：")
        out.extend(_definitions([(_metavar(a), getattr(a, "help", None) or "") for a in arguments], width))
        out.append("")
    if options:
        out.append("选项：")
        out.extend(_definitions([_option_row(o) for o in options], width))
        out.append("")
    if is_group:
        rows = []
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or getattr(sub, "hidden", False):
                continue
            rows.append((name, (sub.help or "").strip().split("\n")[0]))
        if rows:
            out.append("命令：")
            out.extend(_definitions(rows, width))
            out.append("")
            out.append(f"查看某个命令的用法：{path} 〈命令〉 --help")
    return "\n".join(out).rstrip() + "\n"
