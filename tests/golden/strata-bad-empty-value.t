# an empty stratum value
args: --by year tests/data/bad-strata-empty-value.csv
exit: 1
