# an empty stratum value
tool: mse-import
args: -i id -r actor -b year tests/data/bad-records-empty-stratum.csv
exit: 1
