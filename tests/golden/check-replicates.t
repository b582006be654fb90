# -B and --seed of the fit's bootstrap
tool: mse-check
args: -B 99 --seed 7 -p fit -f csv data/UKdat.csv
exit: 0
