# -m lcm --by: one latent-class model per stratum, the total's draws the strata's summed (seeded; MCMC output at 1e-6)
args: -m lcm --by eth --samples 300 --burnin 200 --thin 2 --classes 3 --seed 11 --threads 1 -f csv -D 10 data/spina_eth.csv
exit: 0
tolerance: 1e-6
