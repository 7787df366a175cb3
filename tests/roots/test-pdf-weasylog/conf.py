from pathlib import Path

extensions = ["build_tools.pdf"]
project = "Broken"
pdf_theme_path = str(Path(__file__).parent / "theme")
