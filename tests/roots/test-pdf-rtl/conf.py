extensions = ["build_tools.handbook"]
project = "RTL"
language = "ar"
pdf_basename = "rtl"
clinic_values = {"main_phone": "555-0134", "fever_threshold": "38 °C"}
