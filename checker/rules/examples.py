"""A compact clean report that rule examples are written as variants of.

``MINI`` passes every structure rule of the ``annual`` template; a rule's failing example is
``MINI`` with one fault put in (``variant``), so ``fzcheck explain`` shows exactly what differs.
"""

from __future__ import annotations

MINI = """柳溪县2023年法治政府建设年度报告
2023年，柳溪县坚持以习近平法治思想为指导，全面推进法治政府建设。现将2023年度法治政府建设情况报告如下：
一、2023年度推进法治政府建设的主要举措和成效
（一）深化“放管服”改革。全年新增网上可办事项126项，政务服务事项网上可办率达到98.6%，“一网通办”覆盖县乡村三级。
（二）规范行政决策。制定并公布重大行政决策事项目录，全年作出重大行政决策7项，均履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。
（三）严格规范执法。全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，组织执法人员培训3期、参训412人次，评查行政执法案卷180卷。
（四）化解行政争议。全年收到行政复议申请23件，受理21件，审结20件，直接纠错4件；行政诉讼一审案件35件，行政机关负责人出庭应诉率100%。
二、2023年度推进法治政府建设存在的不足和原因
一是行政执法规范化水平仍有差距，少数执法人员程序意识不强；二是基层法治力量薄弱。主要原因是执法培训覆盖面不够，乡镇法治机构人员编制不足。
三、2023年度党政主要负责人履行推进法治建设第一责任人职责情况
县委、县政府主要负责同志对法治建设重要工作亲自部署、重大问题亲自过问。县政府常务会议专题研究法治政府建设工作4次，开展会前学法12次；年终述法实现全覆盖，县长出庭应诉2次。
四、2024年推进法治政府建设的主要安排
一是深入学习贯彻习近平法治思想；二是推进严格规范公正文明执法，开展执法案卷评查；三是加强行政复议和应诉工作，提升行政机关负责人出庭应诉质量。
五、其他需要报告的情况
本年度无其他需要报告的情况。
柳溪县人民政府
2024年3月15日
"""


def variant(old: str, new: str, base: str = MINI) -> str:
    """``base`` with ``old`` replaced by ``new`` (exactly once: a typo in an example fails loudly)."""
    if base.count(old) != 1:
        raise ValueError(f"example text {old!r} must occur exactly once")
    return base.replace(old, new)
