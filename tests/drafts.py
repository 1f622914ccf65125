"""Team-written drafts: a clean annual report built from sections, and ways to vary it."""

from __future__ import annotations

CN = "一二三四五六七八九十"

TITLE = "青山县2023年法治政府建设年度报告"
OPENING = (
    "2023年，青山县坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想，"
    "认真落实中央和省、市关于法治政府建设的决策部署。现将2023年度法治政府建设情况报告如下："
)

SECTIONS: dict[str, tuple[str, list[str]]] = {
    "measures": (
        "2023年度推进法治政府建设的主要举措和成效",
        [
            "（一）依法全面履行政府职能。深化“放管服”改革，全年新增网上可办事项126项，政务服务事项网上可办率达到98.6%，"
            "“一网通办”覆盖县乡村三级。清理证明事项43项，公布涉企收费目录清单。",
            "（二）健全依法行政制度体系。制定行政规范性文件9件，全部经过合法性审核并在30日内报备，报备率100%；"
            "清理规范性文件156件，废止12件。落实重大行政决策程序，作出重大行政决策7项，均经公众参与、专家论证和合法性审查。"
            "全县各级行政机关聘请法律顾问86名，配备公职律师23名。",
            "（三）严格规范公正文明执法。全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，"
            "组织执法人员培训3期、参训412人次，评查行政执法案卷180卷，发现并整改问题37个。",
            "（四）预防调处化解社会矛盾纠纷。全年收到行政复议申请23件，受理21件，审结20件，直接纠错4件；"
            "行政诉讼一审案件35件，败诉2件，行政机关负责人出庭应诉率100%。人民调解组织调解纠纷1260件，调解成功1214件。",
        ],
    ),
    "shortcomings": (
        "2023年度推进法治政府建设存在的不足和原因",
        [
            "一是行政执法规范化水平仍有差距，少数执法人员程序意识不强；二是基层法治力量比较薄弱，"
            "乡镇合法性审核能力不足。产生这些问题的原因主要是执法培训覆盖面不够，乡镇法治机构人员编制偏少。",
        ],
    ),
    "first_responsibility": (
        "2023年度党政主要负责人履行推进法治建设第一责任人职责情况",
        [
            "县委、县政府主要负责同志对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。"
            "县政府常务会议专题研究法治政府建设工作4次，开展会前学法12次；年终述法实现全覆盖，县长出庭应诉2次。",
        ],
    ),
    "next_year_plan": (
        "2024年推进法治政府建设的主要安排",
        [
            "一是深入学习贯彻习近平法治思想，落实领导干部学法用法制度；二是推进严格规范公正文明执法，"
            "开展行政执法案卷评查；三是加强行政复议和应诉工作，提升行政机关负责人出庭应诉质量。",
        ],
    ),
    "other": ("其他需要报告的情况", ["本年度无其他需要报告的情况。"]),
}

SIGNATURE = ["青山县人民政府", "2024年3月15日"]
MANDATORY = ("measures", "shortcomings", "first_responsibility", "next_year_plan")


def build(
    keys: tuple[str, ...] = tuple(SECTIONS),
    title: str | None = TITLE,
    headings: dict[str, str] | None = None,
    tail: list[str] | None = None,
    signature: list[str] | None = None,
) -> str:
    """A report with the given sections, numbered 一、二、… in order."""
    headings = headings or {}
    lines = ([title] if title else []) + [OPENING]
    for n, key in enumerate(keys):
        heading, body = SECTIONS[key]
        lines.append(f"{CN[n]}、{headings.get(key, heading)}")
        lines.extend(body)
    lines.extend(tail or [])
    lines.extend(SIGNATURE if signature is None else signature)
    return "\n".join(lines) + "\n"


CLEAN = build()
