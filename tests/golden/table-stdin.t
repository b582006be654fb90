# mse-table reads stdin: Markdown
tool: mse-table
args: -f md
exit: 0
stdin: data/gsi2018.csv
