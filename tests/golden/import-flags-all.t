# 0/1 columns: every column but the id and strata
tool: mse-import
args: -f text -i person -b year tests/data/good-records-flags.csv
exit: 0
