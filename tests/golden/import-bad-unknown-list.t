# a list not among --lists
tool: mse-import
args: -r reported_by -l Politiet,UDI tests/data/bad-records-unknown-list.csv
exit: 1
