# The final_report email (templates/final_report.*.j2).
