"""Synthetic 法治政府建设年度报告 drafts for the benchmark: seeded, deterministic, varied.

Every report is built from a random draw of: subject and reporting year; which of the template's
sections are present, and whether some are merged (三、存在不足及下一年度安排) or left unheaded
in a closing paragraph; the heading style (一、/一． top level, （一）, 1./1、, （1）, Markdown
``#``, Word heading styles, or topic headings instead of a 主要举措 heading); sentences with
figures (case counts, rates — some above 100%, some with XX placeholders), dates (some partial
year, some 今年), cited document names (some near misses); the 落款 date in several forms, some
before the year ended or after the deadline. Length is set in bytes of UTF-8 text, from a few
KB to several MB: longer reports get more topic sections and subsections, not longer lines.

Formats: ``.txt`` (UTF-8, UTF-8 with BOM, GB18030, some with portal page chrome), ``.md``,
``.html`` (a portal page: navigation, breadcrumb, ``<div id="zoom">``, 发布时间, GBK or UTF-8)
and ``.docx`` (python-docx: heading styles or typed markers, some paragraphs in a table).

    python benchmarks/generate.py OUT --count 1000 --size 15000 --seed 1
    python benchmarks/generate.py OUT --count 200 --size varied

The same arguments always give the same bytes (python-docx output aside: Word's zip stores
timestamps, so ``.docx`` files are the same text, not always the same bytes).
"""

from __future__ import annotations

import argparse
import html
import math
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

CN = "一二三四五六七八九十"
PLACES = [
    "青山县", "柳溪县", "白河市", "临江区", "东湖区", "石门县", "金沙县", "云岭市", "长宁区", "北塘县",
    "松阳县", "河西区", "安平市", "新丰县", "南溪县", "桃源县", "平湖市", "龙泉市", "清水县", "梅江区",
]
DEPARTMENTS = ["司法局", "市场监督管理局", "生态环境局", "自然资源局", "交通运输局", "应急管理局"]

TOPICS = [
    "加强党的领导，健全法治政府建设推进机制",
    "依法全面履行政府职能，持续优化法治化营商环境",
    "健全依法行政制度体系，提高制度建设质量",
    "健全行政决策制度体系，推进行政决策科学化民主化法治化",
    "健全行政执法工作体系，全面推进严格规范公正文明执法",
    "健全突发事件应对体系，依法预防处置重大突发事件",
    "健全社会矛盾纠纷行政预防调处化解体系，推进社会公平正义",
    "健全行政权力制约和监督体系，促进行政权力规范透明运行",
    "健全法治政府建设科技保障体系，全面建设数字法治政府",
    "加强法治宣传教育，营造浓厚法治氛围",
]
SUBTOPICS = [
    "深化“放管服”改革", "规范行政决策程序", "加强规范性文件监督管理", "严格规范公正文明执法",
    "强化行政复议和应诉工作", "推进政务公开", "加强法律顾问和公职律师工作", "推进普法和依法治理",
    "做好人民调解工作", "加强执法队伍建设", "优化营商环境", "推进数字政府建设",
    "完善行政执法协调监督", "加强审计监督", "推进信用体系建设", "健全重大决策风险评估机制",
]

# Sentences with {n}-style slots; `_fill` puts numbers (and now and then a fault) in.
SENTENCES = [
    "全年新增网上可办事项{n3}项，政务服务事项网上可办率达到{pct}%，“一网通办”覆盖县乡村三级。",
    "清理证明事项{n2}项，公布涉企收费目录清单，惠及市场主体{n4}户。",
    "制定行政规范性文件{n1}件，全部经过合法性审核并在30日内报备，报备率{pct}%。",
    "清理规范性文件{n3}件，废止{n2}件，修改{n1}件。",
    "作出重大行政决策{n1}项，均履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。",
    "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，组织执法人员培训{n1}期、参训{n3}人次。",
    "评查行政执法案卷{n3}卷，发现并整改问题{n2}个，案卷优良率{pct}%。",
    "全年收到行政复议申请{received}件，受理{accepted}件，审结{closed}件，直接纠错{corrected}件，纠错率{rate}%。",
    "办理行政诉讼一审案件{n2}件，败诉{n1}件，行政机关负责人出庭应诉率{pct}%。",
    "人民调解组织调解纠纷{cases}件，调解成功{settled}件，调解成功率{srate}%。",
    "全县各级行政机关聘请法律顾问{n2}名，配备公职律师{n2}名，出具法律意见书{n3}份。",
    "开展“八五”普法主题活动{n3}场，培育“法律明白人”{n4}名，受众{n5}人次。",
    "县政府常务会议专题研究法治政府建设工作{n1}次，开展会前学法{n2}次。",
    "县委、县政府主要负责同志对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。",
    "年终述法实现全覆盖，{n2}个部门主要负责人现场述法。",
    "严格执行《重大行政决策程序暂行条例》，编制并公布年度重大行政决策事项目录。",
    "认真贯彻《法治政府建设实施纲要（2021－2025年）》，制定年度工作要点和任务分工方案。",
    "对照《党政主要负责人履行推进法治建设第一责任人职责规定》，建立述职述法清单。",
    "推进政务公开标准化规范化，主动公开政府信息{n4}条，办理依申请公开{n2}件，按期答复率{pct}%。",
    "深化综合行政执法改革，整合执法队伍{n1}支，持证执法人员达到{n3}人。",
    "完善信用监管机制，归集信用信息{n5}条，修复信用{n2}次。",
    "加强数字政府建设，上线“掌上办”事项{n3}项，电子证照应用{n4}次。",
    "开展安全生产领域执法检查{n3}次，立案查处违法行为{n2}起，罚没款{n3}万元。",
    "{year}年{m}月，召开全面依法治县委员会会议，审议通过年度工作要点。",
    "{year}年{m}月{d}日，举办领导干部法治专题讲座，邀请专家解读行政复议法。",
]
# Sentences without figures, as most of a real report is (calibrated on the five corpus reports
# and the openings in ../shared/real: about 6 figures and 0.4 percent signs per KB, 一是/二是
# items, long paragraphs); `_paragraph` draws most sentences from here (see PROSE_SHARE).
PROSE = [
    "坚持把学习贯彻习近平法治思想作为首要政治任务，纳入党委（党组）理论学习中心组学习重点内容，推动领导干部带头尊法学法守法用法。",
    "一是完善工作机制，严格落实法治政府建设年度报告制度，将法治政府建设纳入经济社会发展总体规划和年度工作计划，与经济社会发展同部署、同推进、同督促、同考核。",
    "二是强化督促落实，采取实地督察、随机抽查等方式，对各单位法治政府建设情况开展专项督察，督促问题整改落实到位。",
    "三是压实主体责任，明确各单位主要负责人是本单位法治建设第一责任人，分管负责人协助抓好落实，形成一级抓一级、层层抓落实的工作格局。",
    "持续深化“放管服”改革，全面推行证明事项告知承诺制，进一步精简审批环节、压缩办理时限，企业群众办事更加便捷高效。",
    "严格落实重大行政决策程序规定，对涉及群众切身利益的重大事项，广泛听取社会各方面意见，充分发挥法律顾问和公职律师作用，确保决策合法合规。",
    "坚持有件必备、有备必审、有错必纠，加强行政规范性文件备案审查，维护法制统一和政令畅通。",
    "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，行政执法行为进一步规范。",
    "深入推进包容审慎监管，在市场监管、生态环境等领域推行轻微违法行为不予处罚清单，实现执法力度与温度相统一。",
    "积极发挥行政复议化解行政争议主渠道作用，推进行政复议规范化建设，持续提升案件办理质效。",
    "认真落实行政机关负责人出庭应诉制度，支持人民法院依法受理和审理行政案件，尊重并执行人民法院生效裁判。",
    "主动接受人大法律监督、政协民主监督，认真办理人大代表建议和政协委员提案，自觉接受纪检监察监督和社会舆论监督。",
    "坚持和发展新时代“枫桥经验”，健全人民调解、行政调解、司法调解联动工作体系，把矛盾纠纷化解在基层、消除在萌芽状态。",
    "深入开展“八五”普法，落实“谁执法谁普法”普法责任制，推动普法工作由“独唱”向“合唱”转变。",
    "加快推进政务服务标准化、规范化、便利化，推动更多政务服务事项“一网通办”“跨省通办”，让数据多跑路、群众少跑腿。",
    "加强法治工作队伍建设，定期组织执法人员开展法律知识培训和执法技能比武，提升依法行政能力和水平。",
    "健全突发事件应对制度，修订完善应急预案体系，常态化开展应急演练，提高依法应对突发事件的能力。",
    "全面落实政务公开各项制度，及时公开财政预决算、重大建设项目、公共资源配置等重点领域信息，保障人民群众知情权、参与权、监督权。",
    "将法治建设成效作为衡量各级领导班子和领导干部工作实绩的重要内容，纳入政绩考核指标体系，充分发挥考核评价的指挥棒作用。",
    "扎实推进法治乡村建设，深化民主法治示范村（社区）创建，培育农村学法用法示范户，基层依法治理水平不断提升。",
    "对照《法治政府建设实施纲要（2021－2025年）》确定的目标任务，逐项梳理工作进展，建立问题清单、任务清单、责任清单。",
    "坚持法定职责必须为、法无授权不可为，严格按照权责清单履行职责，推动政府职能转变和依法全面履行政府职能。",
    "进一步规范涉企行政检查，推行“综合查一次”，减少对市场主体正常生产经营活动的干扰，营造稳定公平透明可预期的营商环境。",
    "把公平竞争审查作为出台政策措施的必经程序，及时清理妨碍统一市场和公平竞争的政策措施。",
]
PROSE_SHARE = 0.72  # of a body paragraph's sentences: no figures (real reports: 6 figures per KB)
FAULTS = [
    "全年受理信访事项XX件，办结率XX%。",
    "截至{year}年10月底，共办理行政许可事项{n4}件。",
    "今年以来，法治政府建设成效明显。",
    "上半年共开展执法检查{n3}次。",
    "认真贯彻《法制政府建设实施纲要（2021－2025年）》。",
    "严格落实《法治政府建设与责任落实督查工作规定》。",
    "行政复议纠错率达到{big}%。",
    "【待补充：全年培训人次】",
    "{year}年2月30日，召开专题会议研究部署。",
    "全年收到行政复议申请{small}件，受理{big}件。",
    "内容中有“引号未闭合的情况，需要核对。",
]
SHORTCOMINGS = [
    "一是行政执法规范化水平仍有差距，少数执法人员程序意识不强；二是基层法治力量比较薄弱，乡镇合法性审核能力不足。",
    "产生这些问题的原因主要是执法培训覆盖面不够，乡镇法治机构人员编制偏少。",
    "法治政府建设发展还不平衡，部分单位对法治建设重视不够，存在重业务轻法治的现象。",
    "行政规范性文件合法性审核力量不足，备案审查还不够及时。",
]
PLANS = [
    "一是深入学习贯彻习近平法治思想，落实领导干部学法用法制度；二是推进严格规范公正文明执法，开展行政执法案卷评查。",
    "三是加强行政复议和应诉工作，提升行政机关负责人出庭应诉质量；四是深化“放管服”改革，持续优化营商环境。",
    "下一步，我们将坚持以习近平法治思想为指导，对标对表法治政府建设实施纲要，推动各项任务落地见效。",
]
OPENINGS = [
    "{year}年，{subject}坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想，"
    "认真落实中央和省、市关于法治政府建设的决策部署。现将{year}年度法治政府建设情况报告如下：",
    "{year}年以来，{subject}在市委、市政府的坚强领导下，全面推进依法行政，法治政府建设取得新成效。现将有关情况报告如下：",
    "根据《法治政府建设与责任落实督察工作规定》要求，现将{subject}{year}年度法治政府建设工作情况报告如下：",
]
TITLES = [
    "{subject}{year}年法治政府建设年度报告",
    "{subject}{year}年度法治政府建设情况报告",
    "{subject}人民政府关于{year}年度法治政府建设情况的报告",
    "{subject}{year}年依法行政工作报告",
]
KEYS = ("measures", "shortcomings", "first_responsibility", "next_year_plan", "other")
HEADINGS = {
    "measures": ["{year}年度推进法治政府建设的主要举措和成效", "主要工作情况", "{year}年度法治政府建设工作回顾"],
    "shortcomings": ["{year}年度推进法治政府建设存在的不足和原因", "存在的问题", "存在的主要问题", "问题和不足"],
    "first_responsibility": [
        "{year}年度党政主要负责人履行推进法治建设第一责任人职责情况", "履行推进法治建设第一责任人职责情况",
    ],
    "next_year_plan": ["{next}年推进法治政府建设的主要安排", "{next}年工作计划", "下一步工作打算"],
    "other": ["其他需要报告的情况"],
}
MERGED = ["存在不足及下一年度安排", "存在问题及下步打算"]
KINDS = ("txt", "md", "html", "docx")
DEFAULT_MIX = {"txt": 0.7, "md": 0.1, "html": 0.1, "docx": 0.1}


@dataclass
class Para:
    text: str
    level: int = 0  # 0 body, 1..4 heading level (for Markdown / Word styles)
    marker: str = ""  # the typed marker, '' when the style alone makes it a heading
    table: bool = False


@dataclass
class Draft:
    name: str
    kind: str
    title: str | None
    paras: list[Para] = field(default_factory=list)
    published: str | None = None
    encoding: str = "utf-8"
    chrome: bool = False


def _fill(rng: random.Random, template: str, year: int) -> str:
    whole = rng.randint(20, 400)
    part = rng.randint(0, whole)
    done = rng.randint(0, part)
    wrong = rng.randint(0, done)
    values = {
        "n1": rng.randint(1, 9), "n2": rng.randint(10, 99), "n3": rng.randint(100, 999),
        "n4": rng.randint(1000, 9999), "n5": rng.randint(10000, 99999),
        "pct": rng.choice(["100", "98.6", "95", "99.2", "87.5"]),
        "received": whole, "accepted": part, "closed": done, "corrected": wrong,
        "rate": f"{100 * wrong / max(done, 1):.1f}" if rng.random() < 0.9 else f"{rng.uniform(1, 60):.1f}",
        "year": year, "m": rng.randint(1, 12), "d": rng.randint(1, 28),
        "big": rng.randint(101, 180), "small": rng.randint(1, 20),
    }
    cases = rng.randint(200, 9999)
    settled = round(cases * rng.uniform(0.9, 1.0))
    values.update(cases=cases, settled=settled, srate=f"{100 * settled / cases:.1f}")
    return template.format(**values)


def _paragraph(rng: random.Random, year: int, chars: int, fault_rate: float) -> str:
    out: list[str] = []
    while sum(map(len, out)) < chars:
        draw = rng.random()
        pool = FAULTS if draw < fault_rate else PROSE if draw < fault_rate + PROSE_SHARE else SENTENCES
        out.append(_fill(rng, rng.choice(pool), year))
    return "".join(out)


def _marker(level: int, n: int, style: dict[int, str]) -> str:
    s = style[level]
    if level == 1:
        return f"{_cn(n)}{s}"
    if level == 2:
        return f"（{_cn(n)}）" if s == "full" else f"({_cn(n)})"
    if level == 3:
        return f"{n}{s}"
    return f"（{n}）" if s == "full" else chr(ord("①") + n - 1) if n <= 20 else f"({n})"


def _cn(n: int) -> str:
    """1..99 in Chinese numerals (the grammar reads up to three characters)."""
    if n <= 10:
        return CN[n - 1]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else CN[tens - 1]) + "十" + (CN[units - 1] if units else "")


def build(rng: random.Random, index: int, size: int, kind: str) -> Draft:
    """One report of about ``size`` bytes of UTF-8 text."""
    subject = rng.choice(PLACES)
    if rng.random() < 0.15:
        subject += rng.choice(DEPARTMENTS)
    year = rng.randint(2018, 2024)
    title = rng.choice(TITLES).format(subject=subject, year=year) if rng.random() < 0.85 else None
    fault_rate = rng.choice([0.0, 0.02, 0.05, 0.15])
    style = {1: rng.choice(["、", "、", "．"]), 2: rng.choice(["full", "full", "half"]),
             3: rng.choice([".", "、", "．"]), 4: rng.choice(["full", "circled"])}
    typed = kind not in ("md", "docx") or rng.random() < 0.5  # markers typed, else styles only

    keys = [k for k in KEYS if k == "measures" or rng.random() < 0.85]
    merged = "shortcomings" in keys and "next_year_plan" in keys and rng.random() < 0.15
    unheaded = (not merged) and rng.random() < 0.15 and "next_year_plan" in keys
    topic_measures = rng.random() < 0.4  # measures as several topic sections (SPEC §2)

    body_chars = max(int(size * 0.36), 600)  # UTF-8: three bytes per 汉字, one per digit
    draft = Draft(f"{index:05d}", kind, title)
    draft.paras.append(Para(rng.choice(OPENINGS).format(year=year, subject=subject)))

    n_top = 0

    def heading(level: int, n: int, text: str) -> None:
        marker = _marker(level, n, style) if typed else ""
        draft.paras.append(Para(marker + text, level=level, marker=marker))

    def body(chars: int) -> None:
        draft.paras.append(Para(_paragraph(rng, year, chars, fault_rate), table=kind == "docx" and rng.random() < 0.03))

    # The measures take what the other sections leave; longer reports get more subsections.
    other_chars = 1200
    measure_chars = max(body_chars - other_chars, 300)
    paras = max(2, measure_chars // 160)
    tops = min(9, max(1, round(math.log2(paras)))) if topic_measures else 1
    per_top = max(1, paras // tops)
    subs = min(20, max(1, round(math.sqrt(per_top))))
    per_sub = max(1, per_top // subs)
    thirds = per_sub > 6
    for t in range(tops):
        n_top += 1
        if topic_measures:
            heading(1, n_top, rng.choice(TOPICS))
        else:
            heading(1, n_top, rng.choice(HEADINGS["measures"]).format(year=year))
        for s in range(subs):
            heading(2, s + 1, rng.choice(SUBTOPICS) + ("。" if rng.random() < 0.5 else ""))
            if thirds:
                groups = max(1, per_sub // 4)
                for g in range(min(groups, 99)):
                    heading(3, g + 1, rng.choice(SUBTOPICS))
                    for _ in range(max(1, per_sub // groups)):
                        body(rng.randint(120, 220))
            else:
                for _ in range(per_sub):
                    body(rng.randint(120, 220))
        if "first_responsibility" in keys and t == 0 and rng.random() < 0.3:
            heading(2, subs + 1, "切实履行党政主要负责人推进法治建设第一责任人职责")
            body(200)
            keys.remove("first_responsibility")

    closing: list[str] = []
    for key in keys[1:]:
        if key == "next_year_plan" and merged:
            continue
        if key == "shortcomings" and merged:
            n_top += 1
            heading(1, n_top, rng.choice(MERGED))
            draft.paras.append(Para("".join(rng.sample(SHORTCOMINGS, 2))))
            draft.paras.append(Para("".join(rng.sample(PLANS, 2))))
            continue
        if unheaded and key in ("shortcomings", "next_year_plan"):
            closing.append(
                "虽然我们在法治政府建设方面取得了一定成效，但仍存在一些差距和不足，主要表现在"
                + rng.choice(SHORTCOMINGS) if key == "shortcomings" else rng.choice(PLANS[2:])
            )
            continue
        n_top += 1
        heading(1, n_top, rng.choice(HEADINGS[key]).format(year=year, next=year + 1))
        if key == "shortcomings":
            draft.paras.append(Para("".join(rng.sample(SHORTCOMINGS, rng.randint(1, 3)))))
        elif key == "first_responsibility":
            draft.paras.append(Para(_fill(rng, SENTENCES[13], year) + _fill(rng, SENTENCES[12], year)
                                    + _fill(rng, SENTENCES[14], year)))
        elif key == "next_year_plan":
            draft.paras.append(Para("".join(PLANS[:2])))
        else:
            draft.paras.append(Para("本年度无其他需要报告的情况。"))
    draft.paras.extend(Para(text) for text in closing)

    organ = subject + ("人民政府" if subject[-1] in "县市区" else "")
    draft.paras.append(Para(organ))
    month, day = rng.choice([(1, 20), (2, 15), (3, 15), (3, 28), (4, 10)])
    signed_year = year + 1 if rng.random() < 0.9 else year
    form = rng.random()
    if form < 0.8:
        signed = f"{signed_year}年{month}月{day}日"
    elif form < 0.9:
        signed = f"{signed_year}年{month:02d}月{day:02d}日"
    else:
        signed = f"{signed_year}.{month}.{day}"
    if rng.random() < 0.9:
        draft.paras.append(Para(signed))
    draft.published = f"{signed_year}-{month:02d}-{min(day + 3, 28):02d}"
    draft.encoding = rng.choice(["utf-8"] * 6 + ["utf-8-sig", "gb18030"]) if kind in ("txt", "md") else (
        rng.choice(["utf-8", "utf-8", "gb18030"]) if kind == "html" else "utf-8"
    )
    draft.chrome = kind == "txt" and rng.random() < 0.2
    return draft


# --- writers --------------------------------------------------------------------------------
def to_text(draft: Draft) -> str:
    lines: list[str] = []
    if draft.chrome:
        lines += ["当前位置：首页 > 政务公开 > 法治政府建设", f"发布时间：{draft.published}  来源：本站", "【字体：大 中 小】"]
    if draft.title:
        lines.append(("# " if draft.kind == "md" else "") + draft.title)
        if draft.kind == "md":
            lines.append("")
    for p in draft.paras:
        if draft.kind == "md" and p.level:
            lines.append("#" * (p.level + 1) + " " + p.text)
        else:
            lines.append(p.text)
        if draft.kind == "md":
            lines.append("")
    if draft.chrome:
        lines += ["【打印本页】【关闭窗口】", "扫一扫在手机打开当前页"]
    return "\n".join(lines) + "\n"


def to_html(draft: Draft) -> str:
    charset = "gb2312" if draft.encoding == "gb18030" else "utf-8"
    out = [
        "<!DOCTYPE html>",
        f'<html><head><meta charset="{charset}"><title>{html.escape(draft.title or "法治政府建设")}</title>',
        f'<meta name="PubDate" content="{draft.published} 09:30">',
        "<style>p{text-indent:2em}</style><script>var x = 1;</script></head><body>",
        '<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>',
        '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>',
        f'<div class="article"><h1 class="title">{html.escape(draft.title or "")}</h1>',
        f'<div class="info">发布时间：{draft.published}　来源：本站　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>',
        '<div id="zoom">',
    ]
    for p in draft.paras:
        tag = f"h{min(p.level + 1, 6)}" if p.level and not p.marker else "p"
        out.append(f"<{tag}>{html.escape(p.text)}</{tag}>")
    out += [
        "</div></div>",
        '<div class="share">分享到：<a>微信</a> <a>微博</a></div>',
        '<div class="footer"><p>版权所有：某某县人民政府办公室</p><p>网站标识码：1234567890</p></div>',
        "</body></html>",
    ]
    return "\n".join(out) + "\n"


def write_docx(draft: Draft, path: Path) -> None:
    import docx  # python-docx, only when .docx files are asked for

    document = docx.Document()
    if draft.title:
        document.add_paragraph(draft.title, style="Title")
    table = None
    for p in draft.paras:
        if p.table:
            if table is None:
                table = document.add_table(rows=0, cols=1)
            table.add_row().cells[0].text = p.text
            continue
        table = None
        if p.level:
            document.add_paragraph(p.text, style=f"Heading {min(p.level, 4)}")
        else:
            document.add_paragraph(p.text)
    document.core_properties.author = "fzcheck benchmark"
    document.save(str(path))


def write(draft: Draft, directory: Path) -> Path:
    path = directory / f"{draft.name}.{draft.kind}"
    if draft.kind == "docx":
        write_docx(draft, path)
    elif draft.kind == "html":
        path.write_bytes(to_html(draft).encode(draft.encoding, errors="replace"))
    else:
        path.write_bytes(to_text(draft).encode(draft.encoding, errors="replace"))
    return path


def varied_size(rng: random.Random, low: int = 3_000, high: int = 2_000_000) -> int:
    """Between ``low`` and ``high`` bytes on a log scale, most reports small as real ones are
    (the median is about 30 KB)."""
    return int(low * (high / low) ** (rng.random() ** 3))


def generate(
    directory: Path, count: int, size: int | str = 15_000, seed: int = 1, mix: dict[str, float] | None = None
) -> list[Path]:
    """Write ``count`` reports into ``directory``; ``size`` in bytes, or 'varied' (3 KB–2 MB)."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    mix = mix or DEFAULT_MIX
    kinds, weights = zip(*mix.items())
    paths = []
    for i in range(count):
        kind = rng.choices(kinds, weights)[0]
        n = varied_size(rng) if size == "varied" else int(size)
        if size == "varied" and i == 0:
            n = 2_000_000  # the largest size is always in a varied set
        paths.append(write(build(random.Random(rng.random()), i, n, kind), directory))
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="directory to write into")
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--size", default="15000", help="bytes per report, or 'varied' (3 KB to 2 MB)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated subset of txt,md,html,docx")
    args = ap.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    mix = {k: DEFAULT_MIX[k] for k in kinds}
    paths = generate(args.out, args.count, args.size if args.size == "varied" else int(args.size), args.seed, mix)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} reports, {total / 1e6:.1f} MB, into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
