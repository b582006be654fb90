# an empty stratum value is a missing one: an NA row, which mse-fit
# --covariates spreads by EM (issue 17)
tool: mse-import
args: -i id -r actor -b year tests/data/records-missing-stratum.csv
exit: 0
