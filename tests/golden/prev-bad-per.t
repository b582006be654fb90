# mse-prevalence: --per 0
tool: mse-prevalence
args: -n 0 data/gsi2018.csv
exit: 2
