# Replaces pyinstaller-hooks-contrib's hook-spacy (user hooks take priority), which collects
# every submodule and data file of spaCy: its test suite and ~70 languages the sidecar never
# loads. Kept: English (the model's language) and the languages spaCy imports while it loads.
from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, get_package_paths

KEEP_LANGS = {"en", "ja", "ko", "th", "vi", "zh", "xx"}
_LANG_DIR = Path(get_package_paths("spacy")[1]) / "lang"
# Each language is a sub-package of spacy.lang; its shared modules (lex_attrs, ...) are not.
_DROP_LANGS = {child.name for child in _LANG_DIR.iterdir() if child.is_dir() and (child / "__init__.py").is_file()} - KEEP_LANGS


def _wanted(name: str) -> bool:
    parts = name.split(".")
    if len(parts) > 1 and parts[1] == "tests":
        return False
    return not (len(parts) > 2 and parts[1] == "lang" and parts[2] in _DROP_LANGS)


hiddenimports = collect_submodules("spacy", filter=_wanted)
datas = [(source, dest) for source, dest in collect_data_files("spacy") if _wanted(dest.replace("/", ".").replace("\\", "."))]
