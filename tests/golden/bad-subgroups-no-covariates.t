# --subgroups without --covariates: a usage error from the rule table
args: --subgroups year tests/data/kom-year-gender.csv
exit: 2
