# Replaces pyinstaller-hooks-contrib's hook-thinc, which also collects thinc's test suite.
from PyInstaller.utils.hooks import collect_data_files, collect_submodules


def _wanted(name: str) -> bool:
    parts = name.split(".")
    return not (len(parts) > 1 and parts[1] == "tests")


hiddenimports = collect_submodules("thinc", filter=_wanted)
datas = [(source, dest) for source, dest in collect_data_files("thinc") if "tests" not in dest.replace("\\", "/").split("/")]
