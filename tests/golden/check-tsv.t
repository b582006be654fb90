# tsv: bounds
tool: mse-check
args: -f tsv -p bounds data/spina.csv
exit: 0
