# mse-describe: unknown option
tool: mse-describe
args: --frobnicate data/hare.csv
exit: 2
