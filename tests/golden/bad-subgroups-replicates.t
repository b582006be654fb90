# --subgroups and --write-replicates: refused
args: --covariates year --subgroups year --write-replicates reps.csv tests/data/kom-year-gender.csv
exit: 2
