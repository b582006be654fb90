# --imputation: a version without rows in a stratum is bad input, named
args: -m lcm --by eth --imputation imp --samples 50 --burnin 50 tests/data/bad-imputed-missing.csv
exit: 1
