# -m lcm --by --imputation: each stratum pooled over three imputed versions, and the total (seeded; MCMC output at 1e-6)
args: -m lcm --by eth --imputation imp --samples 300 --burnin 200 --thin 2 --classes 3 --seed 11 --threads 1 -f csv -D 10 tests/data/good-imputed-eth.csv
exit: 0
tolerance: 1e-6
