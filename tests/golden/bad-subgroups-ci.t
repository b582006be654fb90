# --subgroups with another interval: a usage error
args: --covariates year --subgroups year --ci wald tests/data/kom-year-gender.csv
exit: 2
