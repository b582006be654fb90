# dga, MCMC over graphs on six lists in rounds (no --iterations): the two
# runs double their steps until the R-hat and ESS of their traces of
# E(N | graph) meet 1.01 and 400
args: -m dga --nmax 30000 --step 10 --top 2 -f csv data/UKdat.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
