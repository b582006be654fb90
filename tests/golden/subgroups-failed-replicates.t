# --subgroups on a sparse table (tests/data/subgroups-sparse.csv, made up): some replicates have no MLE; every row says how many, that they are left out, and why the first failed (the same replicate for any --threads)
# tolerance: the default 1e-9 (see subgroups-year-gender.t)
args: -f csv -D 10 --covariates g -M 'A:B + B:C' --subgroups g -B 200 --seed 3 --threads 2 tests/data/subgroups-sparse.csv
exit: 0
