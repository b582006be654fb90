# --subgroups with --select stepwise (one table's pairs): refused
args: --covariates year --subgroups year -s stepwise tests/data/kom-year-gender.csv
exit: 2
