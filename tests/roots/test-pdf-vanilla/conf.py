# A plain Sphinx project, unlike the handbook: German, a title with spaces, nothing of ours but
# the PDF builder, and every construct a technical manual uses.
project = "Ein Projekt mit Leerzeichen"
author = "Die Autoren"
release = "2.1"
language = "de"
extensions = ["build_tools.pdf"]
numfig = True
