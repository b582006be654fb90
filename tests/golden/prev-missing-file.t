# mse-prevalence: missing file
tool: mse-prevalence
args: data/no-such-file.csv
exit: 1
