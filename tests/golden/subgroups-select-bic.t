# --subgroups with --select bic: the model is chosen once, then bootstrapped fixed (the model column says which)
# tolerance: the default 1e-9 (see subgroups-year-gender.t)
args: -f csv -D 8 --covariates year,gender -s bic --subgroups gender -B 100 --seed 5 tests/data/kom-year-gender.csv
exit: 0
