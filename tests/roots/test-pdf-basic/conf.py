extensions = ["build_tools.handbook"]
project = "Test Book"
root_doc = "index"
pdf_basename = "book-{language}"
handbook_today = "2026-11-27"
