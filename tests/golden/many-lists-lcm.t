# 25 lists: the table keeps only its seen patterns (mse.h MSE_DENSE_LISTS),
# and the latent-class model fits them; a fixed run, for speed
args: -m lcm --samples 300 --burnin 1000 --seed 2 -f csv tests/data/sim-25-lists.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
