# text layout
tool: mse-models
args: -f text --top 3 data/Western.csv
exit: 0
