# reads stdin
tool: mse-models
args: -f csv -D 8 --top 2 -
exit: 0
stdin: data/Kosovo.csv
