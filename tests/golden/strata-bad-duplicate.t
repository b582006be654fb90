# a pattern twice in one stratum, both lines named
args: --by year tests/data/bad-strata-duplicate.csv
exit: 1
