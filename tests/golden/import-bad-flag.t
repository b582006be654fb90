# a 0/1 value 'ja'
tool: mse-import
args: -i person tests/data/bad-records-flag.csv
exit: 1
