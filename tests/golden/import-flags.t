# one row per person, 0/1 columns in every spelling
tool: mse-import
args: -f csv --lists Politiet,UDI,barnevern --by year tests/data/good-records-flags.csv
exit: 0
