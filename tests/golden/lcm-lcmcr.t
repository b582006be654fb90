# lcm --lcmcr, seed 1: LCMCR's chain (lcmCR, seed = 1)
args: -m lcm --lcmcr --chains 1 --samples 10 --burnin 10000 --thin 100 -f csv data/Kosovo.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
