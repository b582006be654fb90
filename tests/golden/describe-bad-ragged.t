# mse-describe: a ragged row
tool: mse-describe
args: tests/data/bad-ragged-long.csv
exit: 1
