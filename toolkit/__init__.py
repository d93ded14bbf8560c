"""年报工具箱 nianbao: the annual 政府信息公开工作年度报告 statistics cycle, from blank workbook to city total.

Stages are modules named by what they do (`spec`, `generate`, …); each has a small public API
that the command line, the tests and any other front end call.
"""

__version__ = "0.1.0"

from .errors import NianbaoError, RosterError, SpecError  # noqa: E402

__all__ = ["NianbaoError", "RosterError", "SpecError", "__version__"]
