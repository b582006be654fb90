# UKdat: all six parts (issue 16's done criterion)
tool: mse-check
args: -f text data/UKdat.csv
exit: 0
