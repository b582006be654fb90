# lcm on 14 lists: the posterior predictive check sums the Freeman-Tukey
# statistic over the seen cells (2^14 cells are too many to tabulate at
# every draw), and gives a p-value in the ppp column
args: -m lcm --samples 300 --burnin 2000 --seed 3 -f csv tests/data/sim-14-lists.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
