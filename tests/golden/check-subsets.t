# --subsets: every subset of 3 or more lists
tool: mse-check
args: --subsets -p sensitivity -f csv data/Western.csv
exit: 0
