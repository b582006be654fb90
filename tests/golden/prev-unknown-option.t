# mse-prevalence: unknown option
tool: mse-prevalence
args: --frobnicate data/gsi2018.csv
exit: 2
