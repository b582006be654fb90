# a row with a field missing
tool: mse-import
args: -i id -r actor -b year tests/data/bad-records-ragged.csv
exit: 1
