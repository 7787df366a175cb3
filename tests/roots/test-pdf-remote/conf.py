project = "Remote"
extensions = ["build_tools.pdf"]
