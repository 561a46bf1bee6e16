# Replaces pyinstaller-hooks-contrib's hook-spacy (user hooks take priority), which collects
# every submodule and data file of spaCy: its test suite and ~50 languages with no trained
# pipeline. Kept: every language that has an official NER pipeline for spaCy 3.8 (the catalogue
# in server/src/pipelines/catalogue.json), plus the ones spaCy imports while it loads. spaCy
# imports spacy.lang.<code> only when a pipeline of that language loads, so the extra languages
# cost disk (a few MB of tokenizer exceptions and stop words), not start time. No
# spacy-lookups-data: trained pipelines carry their lookup tables, and the sidecar excludes the
# lemmatizer that would need them.
from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, get_package_paths

NER_LANGS = {
    "ca",
    "da",
    "de",
    "el",
    "en",
    "es",
    "fi",
    "fr",
    "hr",
    "it",
    "ja",
    "ko",
    "lt",
    "mk",
    "nb",
    "nl",
    "pl",
    "pt",
    "ro",
    "ru",
    "sl",
    "sv",
    "uk",
    "zh",
    "xx",
}
KEEP_LANGS = NER_LANGS | {"th", "vi"}
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
