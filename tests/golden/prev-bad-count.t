# mse-prevalence: --count names a missing column
tool: mse-prevalence
args: -c nope data/gsi2018.csv
exit: 1
