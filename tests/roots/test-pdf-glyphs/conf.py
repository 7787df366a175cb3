extensions = ["build_tools.pdf"]
project = "Glyphs"
