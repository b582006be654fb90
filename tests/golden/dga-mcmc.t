# dga, MCMC over graphs on six lists: runs and acceptance
args: -m dga --nmax 30000 --step 10 --iterations 20000 --top 2 -f csv data/UKdat.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
