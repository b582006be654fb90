# mse-prevalence(1), mse-data(5) example: mse-prevalence data/gsi2018.csv
tool: mse-prevalence
args: data/gsi2018.csv
exit: 0
