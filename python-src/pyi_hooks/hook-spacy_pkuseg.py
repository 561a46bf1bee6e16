# spacy-pkuseg, the Chinese word segmenter of spaCy's zh pipelines. spacy.lang.zh imports it inside
# a function, and its compiled extensions (inference, feature_extractor) import modules PyInstaller
# cannot see, so every submodule is collected. Data: the default user dictionary (dicts/default.pkl),
# which spacy.lang.zh loads with every pkuseg model, and models/tagIndex.txt. Its tests and the
# Cython sources (.pyx, .cpp: 3.7 MB) stay out.
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

hiddenimports = collect_submodules("spacy_pkuseg", filter=lambda name: ".tests" not in name)
datas = collect_data_files("spacy_pkuseg", excludes=["**/*.pyx", "**/*.cpp", "tests", "tests/**"])
