# mse-table: --header without =
tool: mse-table
args: -H year tests/data/good-est-old-total.csv
exit: 2
