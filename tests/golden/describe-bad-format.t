# mse-describe: bad --format
tool: mse-describe
args: -f xml data/hare.csv
exit: 2
