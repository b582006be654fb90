# mse-prevalence reads stdin, per 100,000
tool: mse-prevalence
args: -n 100000 -
exit: 0
stdin: data/gsi2018.csv
