# --within naming a column that is not a covariate
args: --covariates year --subgroups year --within gender tests/data/kom-year-gender.csv
exit: 2
