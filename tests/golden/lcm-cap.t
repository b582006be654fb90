# lcm on Ned, short seeded run: the posterior's 97.5% point lies within 5%
# of LCMCR's cap N = 21 n, so the status and the warning say the cap, not
# the data, sets the upper end (doc/lcm-mixing.md, Ned)
args: -m lcm --samples 500 --burnin 2000 --thin 10 --seed 3 -f csv data/Ned.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
