"""Names of organs: the one list the outline (a 落款 line), the signature suggestion and
``fzcheck init`` read, so what counts as an organ's name is the same everywhere."""

from __future__ import annotations

import re

# How the name of an organ that signs a report ends: 柳溪县人民政府, 柳溪县司法局, 某某管委会,
# 某某街道办事处, 法治政府建设工作领导小组. Longer endings first.
ORGAN_SUFFIXES = (
    "街道办事处", "工作领导小组", "委员会", "办公室", "管委会", "事务所", "政府", "党委", "党组", "中心", "小组",
    "局", "厅", "委", "办", "院", "部", "署",
)
# How the name of an area ends: 柳溪县 signs as 柳溪县人民政府.
AREA_SUFFIXES = ("自治区", "省", "市", "县", "区", "州", "旗", "盟", "镇", "乡")

_ORGAN_END = "|".join(ORGAN_SUFFIXES)
ORGAN_LINE = re.compile(rf"^[\u4e00-\u9fff（）()]{{2,40}}({_ORGAN_END})$")  # a line that is an organ's name
ORGAN_END = re.compile(rf"({_ORGAN_END})$")
AREA_END = re.compile(f"({'|'.join(AREA_SUFFIXES)})$")


def names_organ(name: str) -> bool:
    """Does ``name`` end as an organ's name does (柳溪县司法局 yes, 柳溪县 no)?"""
    return ORGAN_END.search(name) is not None
