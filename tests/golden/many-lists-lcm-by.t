# 25 lists in four strata (year, kjønn): one latent-class model per
# stratum, and the total as the sum of the strata's draws
args: -m lcm --by year,kjønn --samples 200 --burnin 1000 --seed 2 -f csv tests/data/sim-25-lists-by.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
