# mse-describe: missing file
tool: mse-describe
args: data/no-such-file.csv
exit: 1
