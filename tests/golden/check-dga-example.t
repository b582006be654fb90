# mse-check(1) EXAMPLES: Madigan and York's lists with dga, in text
tool: mse-check
args: -m dga -f text data/Congenital.csv
exit: 0
# dga is exact; the check's draws are seeded (taus2, seed 1); 1e-6 as the
# other seeded goldens (tests/cli/golden.sh).
tolerance: 1e-6
