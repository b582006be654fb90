# hare as TSV
tool: mse-describe
args: -f tsv data/hare.csv
exit: 0
