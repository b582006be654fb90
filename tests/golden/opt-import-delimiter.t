# mse-import --delimiter '|'
tool: mse-import
args: -d '|' tests/data/good-records-flags.csv
exit: 2
