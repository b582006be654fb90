# --subgroups naming a column that is not a covariate
args: --covariates year --subgroups gender tests/data/kom-year-gender.csv
exit: 2
