# Markdown: titled tables, the verdict as a list
tool: mse-check
args: -f md data/HAV.csv
exit: 0
