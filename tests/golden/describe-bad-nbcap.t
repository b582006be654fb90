# mse-describe: nbcap given twice
tool: mse-describe
args: tests/data/bad-nbcap-duplicate.csv
exit: 1
