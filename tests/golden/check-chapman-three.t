# -m chapman on three lists: no estimate on the whole table, exit 1
tool: mse-check
args: -m chapman -p sensitivity -f csv data/HAV.csv
exit: 1
