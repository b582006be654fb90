# mse-describe reads stdin
tool: mse-describe
args: -f csv
exit: 0
stdin: data/hare.csv
