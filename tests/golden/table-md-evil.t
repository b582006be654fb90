# mse-table: Markdown escapes pipes and punctuation
tool: mse-table
args: -f md tests/data/evil-models.csv
exit: 0
