# a missing list column
tool: mse-import
args: -l Politiet,UDI,ROSA tests/data/good-records-flags.csv
exit: 1
