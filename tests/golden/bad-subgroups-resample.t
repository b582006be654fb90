# --subgroups always draws from the fitted model: --resample is refused
args: --covariates year --subgroups year --resample units tests/data/kom-year-gender.csv
exit: 2
