# --within without --subgroups
args: --covariates year,gender --within year tests/data/kom-year-gender.csv
exit: 2
