# lcm on UKdat, short seeded run, the odd chains started in another class
# structure (class k seen by list k): the chains disagree (R-hat above
# 1.01) where chains started alike agree (doc/lcm-mixing.md)
args: -m lcm --start lists --samples 500 --burnin 2000 --thin 10 --seed 3 -f csv data/UKdat.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
